"""Chinese names of the services' codes, for select boxes and tables."""

from __future__ import annotations

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
