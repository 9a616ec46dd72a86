"""Who may take which step of an application (审批权限与职责分离).

- 基层工会意见 grassroots opinion: an assistance officer whose scope holds the applicant's org.
- 街道/区审核 review: an assistance officer whose scope is rooted at a street, district or city
  federation and holds the applicant's org.
- 审批 approval: an assistance officer whose scope holds the budget's organisation; rejecting
  at this step (no budget drawn) needs the review's authority instead.
- A city administrator may take any step.
- Segregation of duties: nobody takes two steps of the same application — the reviewer is not
  the one who gave the opinion, the approver neither of them (a city administrator included).
- Every other role may take no step.

The service layer resolves the scope facts from the organisation replica; this module only
decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.seedwork import NotInScope

from assistance.domain.aid.codes import REVIEWING_KINDS, STEP_LABELS, ApprovalStep
from assistance.domain.aid.errors import NotEntitled, SegregationOfDuties


class ActorRole(StrEnum):
    CITY_ADMIN = "city_admin"
    ASSISTANCE_OFFICER = "assistance_officer"
    OTHER = "other"
    """Every other role: it may take no step."""


@dataclass(frozen=True)
class Actor:
    """The person taking a step: their stable subject, role and where their scope is rooted.

    Attributes:
        subject: the token's subject; segregation of duties compares it.
        role: ``city_admin``, ``assistance_officer``, or ``other`` for every other role.
        scope_kind: replica ``kind`` of the organisation at the root of the caller's scope
            (``None`` for a city administrator, whose scope is the whole tree).
    """

    subject: str
    role: ActorRole
    scope_kind: str | None = None


@dataclass(frozen=True)
class Reach:
    """What the actor's scope contains, as the service layer found in the replica."""

    applicant_org: bool
    budget_org: bool = False


def ensure_may_act(
    step: ApprovalStep,
    actor: Actor,
    reach: Reach,
    earlier_actors: frozenset[str],
    *,
    rejecting: bool = False,
) -> None:
    """Refuse an actor who may not take ``step``.

    Args:
        earlier_actors: subjects who already took a step of this application.
        rejecting: the step is taken as a rejection.

    Raises:
        NotEntitled: the role may take no step, or the scope is not rooted at a reviewing
            federation for a review.
        NotInScope: the scope does not hold the applicant's (or the budget's) organisation.
        SegregationOfDuties: the actor already took a step of this application.
    """
    if actor.role == ActorRole.OTHER:
        raise NotEntitled("只有帮扶干事或市总管理员可以办理帮扶申请", field="role")
    if actor.subject in earlier_actors:
        raise SegregationOfDuties(
            f"同一人不能办理同一申请的两个环节，{STEP_LABELS[step]}须由他人办理", field="step"
        )
    if actor.role == ActorRole.CITY_ADMIN:
        return
    if step == ApprovalStep.APPROVAL and not rejecting:
        if not reach.budget_org:
            raise NotInScope("预算所属组织不在您的管辖范围内", field="budget_org_id")
        return
    if not reach.applicant_org:
        raise NotInScope("申请人所属组织不在您的管辖范围内", field="application_id")
    if step != ApprovalStep.GRASSROOTS_OPINION and actor.scope_kind not in REVIEWING_KINDS:
        raise NotEntitled("审核和审批环节须由街道、区或市总工会的帮扶干事办理", field="step")
