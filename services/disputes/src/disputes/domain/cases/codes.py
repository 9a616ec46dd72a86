"""The codes of cases, as the integration contracts spell them (``tests/unit/test_codes.py``
checks the two agree); the values are the strings of the API, the database and the events."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    VISIT = "visit"  # 来访
    PHONE = "phone"  # 电话
    ONLINE = "online"  # 网上
    LETTER = "letter"  # 信件
    REFERRED_BY_SUPERIOR = "referred_by_superior"  # 上级转办


class Category(StrEnum):
    LABOUR_CONTRACT = "labour_contract"  # 劳动合同
    WAGES = "wages"  # 劳动报酬/欠薪
    WORK_INJURY = "work_injury"  # 工伤
    SOCIAL_INSURANCE = "social_insurance"  # 社会保险
    DISMISSAL = "dismissal"  # 解除终止
    OTHER = "other"  # 其他


class CaseStatus(StrEnum):
    RECEIVED = "received"  # 已登记
    ACCEPTED = "accepted"  # 已受理
    DECLINED = "declined"  # 不予受理
    MEDIATING = "mediating"  # 调解中（已指派调解员）
    SETTLED = "settled"  # 调解成功
    FAILED = "failed"  # 调解不成
    REFERRED = "referred"  # 已转仲裁/诉讼
    WITHDRAWN = "withdrawn"  # 已撤回
    CLOSED = "closed"  # 已办结


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.RECEIVED: "已登记",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.DECLINED: "不予受理",
    CaseStatus.MEDIATING: "调解中",
    CaseStatus.SETTLED: "调解成功",
    CaseStatus.FAILED: "调解不成",
    CaseStatus.REFERRED: "已转出",
    CaseStatus.WITHDRAWN: "已撤回",
    CaseStatus.CLOSED: "已办结",
}

CATEGORY_LABELS: dict[Category, str] = {
    Category.LABOUR_CONTRACT: "劳动合同",
    Category.WAGES: "劳动报酬",
    Category.WORK_INJURY: "工伤",
    Category.SOCIAL_INSURANCE: "社会保险",
    Category.DISMISSAL: "解除终止劳动关系",
    Category.OTHER: "其他",
}


class DeclineReason(StrEnum):
    NOT_LABOUR_DISPUTE = "not_labour_dispute"  # 非劳动争议
    OUT_OF_JURISDICTION = "out_of_jurisdiction"  # 不属本组织管辖
    ALREADY_IN_ARBITRATION = "already_in_arbitration"  # 已申请仲裁或诉讼
    TIME_BARRED = "time_barred"  # 超过时效
    OTHER = "other"  # 其他


class FailureReason(StrEnum):
    NO_AGREEMENT = "no_agreement"  # 未达成协议
    EMPLOYER_ABSENT = "employer_absent"  # 用人单位拒不到场
    PARTY_REFUSED = "party_refused"  # 一方拒绝调解
    DEADLINE_PASSED = "deadline_passed"  # 逾期未结


class ReferralTarget(StrEnum):
    ARBITRATION = "arbitration"  # 转仲裁
    COURT = "court"  # 转诉讼


class TransferReason(StrEnum):
    ESCALATED = "escalated"  # 疑难复杂，移交上级调解组织
    JURISDICTION = "jurisdiction"  # 管辖调整
    OTHER = "other"  # 其他


class ExtensionReason(StrEnum):
    """延期理由: why both parties agreed to extend the mediation limit."""

    FURTHER_INVESTIGATION = "further_investigation"  # 案情复杂需进一步调查
    PARTY_REQUEST = "party_request"  # 当事人申请
    AWAITING_EVIDENCE = "awaiting_evidence"  # 等待鉴定或证据
    SETTLEMENT_NEAR = "settlement_near"  # 协商中即将达成协议
    OTHER = "other"  # 其他（须填写说明）
    UNKNOWN = "unknown"  # 未记录: only extensions recorded before reasons were asked


class EmploymentEnding(StrEnum):
    STILL_EMPLOYED = "still_employed"  # 在职
    DISMISSED = "dismissed"  # 被解除
    RESIGNED = "resigned"  # 辞职
    CONTRACT_EXPIRED = "contract_expired"  # 合同到期
    EMPLOYER_CLOSED = "employer_closed"  # 单位关停
    UNKNOWN = "unknown"  # 不详


class ArbitrationOutcome(StrEnum):
    AWARD_FOR_WORKER = "award_for_worker"  # 支持
    PARTIAL_AWARD = "partial_award"  # 部分支持
    DISMISSED = "dismissed"  # 驳回
    CONCILIATED = "conciliated"  # 仲裁调解
    WITHDRAWN = "withdrawn"  # 撤回


class ClosingOutcome(StrEnum):
    SETTLED = "settled"  # 调解成功
    REFERRED = "referred"  # 调解不成并转出
    WITHDRAWN = "withdrawn"  # 撤回
    DECLINED = "declined"  # 不予受理


class EvidenceKind(StrEnum):
    """What a document proves (证据类型)."""

    CONTRACT = "contract"  # 劳动合同
    PAY_RECORD = "pay_record"  # 工资条/银行流水
    ATTENDANCE = "attendance"  # 考勤记录
    INJURY_RECORD = "injury_record"  # 工伤认定/病历
    CORRESPONDENCE = "correspondence"  # 通知/聊天记录
    OTHER = "other"  # 其他
