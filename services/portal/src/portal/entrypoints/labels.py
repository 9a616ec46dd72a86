"""Chinese names of the services' codes, for select boxes and tables."""

from __future__ import annotations

from typing import Any

MEMBER_STATUS = {"active": "在会", "retained": "保留会籍", "left": "已离会"}
HOUSEHOLD_TYPE = {"agricultural": "农业户口", "non_agricultural": "非农业户口"}
RETENTION_REASON = {"retired": "退休", "laid_off": "下岗失业"}
LEAVING_REASON = {"voluntary": "退会", "expelled": "除名"}
TRANSFER_REASON = {
    "job_change": "工作变动",
    "employer_restructured": "单位改制、合并、分立",
    "relocation": "居住地变更",
    "other": "其他",
}
SEX = {"male": "男", "female": "女", "M": "男", "F": "女"}
IMPORT_STATUS = {
    "queued": "排队中",
    "running": "导入中",
    "completed": "已完成",
    "completed_with_errors": "已完成（部分行有错误）",
    "failed": "失败",
}
REJECTION_REASON = {
    "ineligible": "不符合条件",
    "insufficient_documents": "材料不全",
    "duplicate": "重复申请",
    "budget_exhausted": "预算不足",
    "other": "其他",
}
PAYMENT_METHOD = {"cash": "现金", "bank_transfer": "银行转账", "in_kind": "实物"}
STEP_NAMES = {"grassroots_opinion": "基层工会意见", "review": "街道/区审核", "approval": "审批"}


def yuan(fen: int | None) -> str:
    """Fen as yuan with two decimals (``12345`` → ``123.45``)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def fen_of(text: str) -> int | None:
    """Yuan typed by a user (``123.4``) as fen, or ``None`` when it is not an amount."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    whole, _, cents = cleaned.partition(".")
    if not whole.isdigit() or (cents and not cents.isdigit()) or len(cents) > 2:
        return None
    return int(whole) * 100 + int((cents + "00")[:2])


def count_of(text: Any) -> Any:
    """A count typed in a form as an int; anything else as typed, for the API to name it."""
    cleaned = str(text or "").strip()
    return int(cleaned) if cleaned.isdigit() else (cleaned or None)


HARDSHIP_LEVEL = {"deep": "深度困难", "relative": "相对困难", "accident": "意外致困"}
HARDSHIP_CAUSE = {
    "illness": "疾病",
    "disability": "残疾",
    "child_education": "子女就学",
    "unemployment": "下岗失业",
    "accident": "意外事故",
    "low_income": "低收入",
    "other": "其他",
}
RELATION = {
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "sibling": "兄弟姐妹",
    "grandparent": "(外)祖父母",
    "grandchild": "(外)孙子女",
    "other": "其他",
}
EXIT_REASON = {
    "income_improved": "收入改善",
    "reemployed": "再就业",
    "recovered": "康复",
    "other": "其他",
}
HOUSEHOLD_STATUS = {
    "draft": "草稿",
    "submitted": "已提交",
    "returned": "已退回",
    "filed": "在档",
    "exited": "已脱困",
    "cancelled": "已注销",
}
VISIT_OCCASION = {
    "hospital": "住院",
    "university_entry": "子女升学",
    "festival": "节日",
    "wedding": "婚嫁",
    "funeral": "丧事",
    "other": "其他",
}
DONOR_KIND = {"individual": "个人", "employer": "单位", "union": "工会", "other": "其他"}
CLAIM_KIND = {
    "inpatient": "住院",
    "outpatient_chronic": "门诊慢性病",
    "critical_illness": "重大疾病",
    "accident": "意外伤害",
}
PROGRAMME = {
    "festival_consolation": "元旦春节送温暖",
    "student_aid": "金秋助学",
    "medical_aid": "大病/医疗救助",
    "emergency_relief": "临时/应急救助",
    "summer_relief": "夏送清凉",
}
BATCH_STATUS = {"running": "发放中", "completed": "已完成"}
BATCH_ITEM_STATUS = {"pending": "待发放", "paid": "已发放", "skipped": "未发放"}
SKIP_REASON = {
    "not_on_file": "不在档",
    "outside_budget_org": "不在预算组织辖区内",
    "budget_exhausted": "预算已用完",
}
CONTRACT_KIND = {
    "comprehensive": "综合集体合同",
    "wage": "工资专项集体协议",
    "women": "女职工专项集体合同",
}
SIGNING_PARTY = {
    "own_union": "本单位工会",
    "regional_union": "区域性工会",
    "industry_union": "行业性工会",
}
CONTRACT_STATUS = {"in_force": "有效", "terminated": "已终止"}

# 劳动争议调解 (the disputes service's codes)
CHANNEL = {
    "visit": "来访",
    "phone": "电话",
    "online": "网上",
    "letter": "信件",
    "referred_by_superior": "上级转办",
}
CATEGORY = {
    "labour_contract": "劳动合同",
    "wages": "劳动报酬/欠薪",
    "work_injury": "工伤",
    "social_insurance": "社会保险",
    "dismissal": "解除终止",
    "other": "其他",
}
CONTACT_STATUS = {"open": "待处理", "answered": "已答复", "case_opened": "已转为案件"}
CASE_STATUS = {
    "received": "已登记",
    "accepted": "已受理",
    "declined": "不予受理",
    "mediating": "调解中",
    "settled": "调解成功",
    "failed": "调解不成",
    "referred": "已转出",
    "withdrawn": "已撤回",
    "closed": "已办结",
}
DECLINE_REASON = {
    "not_labour_dispute": "非劳动争议",
    "out_of_jurisdiction": "不属本组织管辖",
    "already_in_arbitration": "已申请仲裁或诉讼",
    "time_barred": "超过时效",
    "other": "其他",
}
FAILURE_REASON = {
    "no_agreement": "未达成协议",
    "employer_absent": "用人单位拒不到场",
    "party_refused": "一方拒绝调解",
    "deadline_passed": "逾期未结",
}
REFERRAL_TARGET = {"arbitration": "转仲裁", "court": "转诉讼"}
EMPLOYMENT_ENDING = {
    "unknown": "不详",
    "still_employed": "在职",
    "dismissed": "被解除",
    "resigned": "辞职",
    "contract_expired": "合同到期",
    "employer_closed": "单位关停",
}
CASE_ACTION = {
    "CaseReceived": "案件登记",
    "CaseAccepted": "受理",
    "CaseDeclined": "不予受理",
    "MediatorAssigned": "指派调解员",
    "SessionScheduled": "安排调解",
    "SessionHeld": "调解笔录",
    "DeadlineExtended": "延长调解期限",
    "CaseOverdue": "逾期",
    "CaseSettled": "调解成功",
    "CaseFailed": "调解不成",
    "CaseReferred": "转仲裁/诉讼",
    "ArbitrationDecided": "仲裁结果",
    "RecoveryRecorded": "追回金额",
    "CaseWithdrawn": "撤回",
    "CaseClosed": "办结",
    "EvidenceAttached": "补充证据",
    "CaseTransferred": "移交",
}
EVIDENCE_KIND = {
    "contract": "劳动合同",
    "pay_record": "工资条/银行流水",
    "attendance": "考勤记录",
    "injury_record": "工伤认定/病历",
    "correspondence": "通知/聊天记录",
    "other": "其他",
}
MEDIA_TYPE = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
CASE_TRANSFER_REASON = {
    "escalated": "疑难复杂，移交上级调解组织",
    "jurisdiction": "管辖调整",
    "other": "其他",
}
EXTENSION_REASON = {
    "further_investigation": "案情复杂需进一步调查",
    "party_request": "当事人申请",
    "awaiting_evidence": "等待鉴定或证据",
    "settlement_near": "协商中即将达成协议",
    "other": "其他",
}
"""延期理由 a mediator picks; an extension recorded before reasons were asked shows 未记录."""
EXTENSION_REASON_UNKNOWN = "未记录"
ARBITRATION_OUTCOME = {
    "award_for_worker": "支持",
    "partial_award": "部分支持",
    "dismissed": "驳回",
    "conciliated": "仲裁调解",
    "withdrawn": "撤回",
}
AID_STAGE = {"arbitration": "仲裁", "first_instance": "一审", "second_instance": "二审"}
AID_OUTCOME = {
    "won": "胜诉/支持",
    "partly_won": "部分支持",
    "lost": "败诉/驳回",
    "settled": "和解/调解",
}
MEDIATION_ORG_KIND = {
    "street_centre": "街道调解分中心",
    "community_room": "社区调解室",
    "enterprise_committee": "企业劳动争议调解委员会",
    "other": "其他（职工权益维护站等）",
}
NETWORK_ROLE = {"mediator": "调解员", "reporter": "预警员"}
RISK_KIND = {
    "wage_arrears": "欠薪",
    "layoffs": "裁员",
    "relocation": "搬迁",
    "closure": "关停",
    "social_insurance": "社保欠缴",
    "other": "其他",
}

# 职工培训与就业 (the training service's codes)
CLASS_KIND = {
    "skills": "技能培训",
    "pre_job": "岗前培训",
    "reemployment": "再就业培训",
    "safety": "安全培训",
    "legal": "法律知识",
    "union_cadre": "工会干部培训",
    "women": "女职工培训",
    "other": "其他",
}
TARGET_GROUP = {
    "laid_off": "下岗失业",
    "migrant": "农民工",
    "women": "女职工",
    "hardship": "困难职工",
    "graduate": "高校毕业生",
    "all": "不限",
}
CLASS_STATUS = {"open": "报名/上课中", "finished": "已结业", "cancelled": "已取消"}
REVOCATION_REASON = {"issued_in_error": "误发", "fraud": "舞弊", "other": "其他"}
ENROLMENT_STATUS = {
    "enrolled": "在班",
    "waitlisted": "候补",
    "withdrawn": "退班",
    "completed": "结业",
    "not_completed": "未结业",
}
WITHDRAWAL_REASON = {"personal": "个人原因", "employment": "已就业", "removed": "取消培训资格"}
"""The reasons a coordinator picks for 退班 (培训班取消 is the service's own)."""
ASSESSMENT = {"yes": "合格", "no": "不合格"}
SEEKER_STATUS = {
    "laid_off": "下岗失业",
    "migrant": "农民工",
    "graduate": "高校毕业生",
    "hardship": "困难职工",
    "other": "其他",
}
PLACEMENT_CHANNEL = {"fair": "招聘会", "posting": "招聘信息", "other": "其他途径"}
COMMITTEE_ROLE = {
    "chair": "主席",
    "vice_chair": "副主席",
    "member": "委员",
    "audit": "经费审查委员",
    "women": "女职工委员",
}
COMMITTEE_FIELD = {"name": "姓名：", "role": "职务：", "sex": "性别：", "full_time": "专职："}
