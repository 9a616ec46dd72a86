"""Training and employment integration contracts (职工培训与就业服务): what the training service publishes.

Every event carries ``org_id`` — the organisation whose subtree the fact counts toward (the
union that organises a class, a fair or a competition, or registers a seeker) — and
``occurred_on``, the business date. A person is known by ``person_id``, a pseudonymous id the
training service gives each person it knows (member or not), and by ``member_id`` when the
person is a member; never a name, an ID number or a phone. A placement also carries the
``person_link``, the platform-wide pseudonym by which assistance finds the person on a
hardship file (``shared.pii.person_link``). Attendance travels as counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field

from shared.contracts.registry import IntegrationEvent, registry

ClassKind = Literal[
    "skills", "pre_job", "reemployment", "safety", "legal", "union_cadre", "women", "other"
]
"""技能, 岗前, 再就业, 安全, 法律, 工会干部, 女职工, 其他."""
TargetGroup = Literal["laid_off", "migrant", "women", "hardship", "graduate", "all"]
"""下岗失业, 农民工, 女职工, 困难职工, 高校毕业生, 不限."""
WithdrawalReason = Literal["personal", "employment", "removed", "class_cancelled"]
SeekerStatus = Literal["laid_off", "migrant", "graduate", "hardship", "other"]
"""下岗失业, 农民工, 高校毕业生, 困难职工, 其他."""
PlacementChannel = Literal["fair", "posting", "other"]
RevocationReason = Literal["issued_in_error", "fraud", "other"]


class TrainingEvent(IntegrationEvent):
    """Fields every training event carries (abstract: not registered itself)."""

    org_id: UUID = Field(description="organisation whose subtree the fact counts toward")
    occurred_on: date = Field(description="business date the fact takes effect")


class PersonEvent(TrainingEvent):
    """Fields of an event about one person (abstract)."""

    person_id: UUID = Field(description="pseudonymous id of the person in training's records")
    member_id: UUID | None = Field(description="membership id, when the person is a member")


@registry.register
class ClassOpened(TrainingEvent):
    event_type = "training.class.opened"
    description = "开班 / A class (培训班, 期) was opened for enrolment."

    class_id: UUID
    kind: ClassKind
    target_groups: list[TargetGroup] = Field(min_length=1)
    capacity: int = Field(ge=1)
    starts_on: date
    ends_on: date
    sessions_planned: int = Field(ge=1)


@registry.register
class ClassCancelled(TrainingEvent):
    event_type = "training.class.cancelled"
    description = (
        "取消培训班 / A class was cancelled before it ended (its enrolments are withdrawn)."
    )

    class_id: UUID


@registry.register
class Enrolled(PersonEvent):
    event_type = "training.enrolment.enrolled"
    description = "报名入班 / A person took a seat in a class (from the form or the waiting list)."

    enrolment_id: UUID
    class_id: UUID


@registry.register
class Waitlisted(PersonEvent):
    event_type = "training.enrolment.waitlisted"
    description = "候补 / A person was put on a full class's waiting list."

    enrolment_id: UUID
    class_id: UUID


@registry.register
class EnrolmentWithdrawn(PersonEvent):
    event_type = "training.enrolment.withdrawn"
    description = "退班 / A person left a class or its waiting list."

    enrolment_id: UUID
    class_id: UUID
    reason: WithdrawalReason


@registry.register
class AttendanceTaken(TrainingEvent):
    event_type = "training.class.attendance_taken"
    description = (
        "考勤 / The attendance of one session, as counts (the newest for a session replaces the "
        "earlier ones)."
    )

    class_id: UUID
    session_no: int = Field(ge=1)
    present: int = Field(ge=0)
    late: int = Field(ge=0)
    excused: int = Field(ge=0)
    absent: int = Field(ge=0)


@registry.register
class Completed(PersonEvent):
    event_type = "training.enrolment.completed"
    description = "结业 / A person completed a class by its rule."

    enrolment_id: UUID
    class_id: UUID


@registry.register
class CertificateIssued(PersonEvent):
    event_type = "training.certificate.issued"
    description = "取证 / A certificate was issued on completion (its number is not in the event)."

    certificate_id: UUID
    class_id: UUID
    enrolment_id: UUID


@registry.register
class CertificateRevoked(PersonEvent):
    event_type = "training.certificate.revoked"
    description = "证书撤销 / A certificate was revoked; verification now says so."

    certificate_id: UUID
    reason: RevocationReason


@registry.register
class CompetitionEntered(PersonEvent):
    event_type = "training.competition.entered"
    description = "技能竞赛报名 / A person entered a trade of a skills competition."

    competition_id: UUID
    entry_id: UUID


@registry.register
class CompetitionPlaced(PersonEvent):
    event_type = "training.competition.placed"
    description = "竞赛名次 / An entrant's result and rank were recorded."

    competition_id: UUID
    entry_id: UUID
    rank: int = Field(ge=1)


@registry.register
class SeekerRegistered(PersonEvent):
    event_type = "training.seeker.registered"
    description = "求职登记 / A job seeker was registered."

    seeker_id: UUID
    status: SeekerStatus


@registry.register
class PostingPublished(TrainingEvent):
    event_type = "training.posting.published"
    description = "发布招聘信息 / An employer's vacancy was posted with its number of positions."

    posting_id: UUID
    employer_id: UUID | None = None
    positions: int = Field(ge=1)


@registry.register
class FairHeld(TrainingEvent):
    event_type = "training.fair.held"
    description = (
        "招聘会 / A job fair's figures, as of now (a newer event for the fair replaces them): "
        "registered seekers are counted one by one, walk-ins only as a count, never both."
    )

    fair_id: UUID
    employers_attending: int = Field(ge=0)
    positions_offered: int = Field(ge=0)
    registered_seekers: int = Field(ge=0)
    walk_in_seekers: int = Field(ge=0)


@registry.register
class Placed(PersonEvent):
    event_type = "training.placement.recorded"
    description = "实现就业/再就业 / A seeker was placed with an employer (through a fair, a posting or otherwise)."

    placement_id: UUID
    seeker_id: UUID
    employer_id: UUID | None = None
    channel: PlacementChannel
    fair_id: UUID | None = None
    posting_id: UUID | None = None
    reemployment: bool = Field(description="再就业: the seeker was laid off or unemployed")
    person_link: str | None = Field(
        default=None,
        description=(
            "opaque pseudonym of the placed person, equal for one person in every service "
            "that recognises people across services (a keyed HMAC of the ID number that "
            "cannot be reversed); compare it for equality only. Null when training has not "
            "linked the person yet"
        ),
    )


@registry.register
class PlacementFollowedUpV1(TrainingEvent):
    # Version 1, kept for the events already published; decoded (upcast) as PlacementFollowedUp.
    # No docstring: it would become the description of the committed v1 schema.
    model_config = ConfigDict(title="PlacementFollowedUp")  # the committed v1 schema's title

    event_type = "training.placement.followed_up"
    description = "跟踪回访 / Whether a placed person was still employed after 3 or 6 months."

    placement_id: UUID
    months: Literal[3, 6]
    still_employed: bool


@registry.register
class PlacementFollowedUp(TrainingEvent):
    event_type = "training.placement.followed_up"
    version = 2
    description = (
        "跟踪回访 / Whether a placed person was still employed after 3 or 6 months. v2 says "
        "whose placement it is (person_id, member_id, as training.placement.recorded does). "
        "A follow-up first published as v1 decodes with both null: its person is the one of "
        "the placement_id's training.placement.recorded."
    )

    person_id: UUID | None = Field(
        description="pseudonymous id of the placed person; null only on an upcast v1 event"
    )
    member_id: UUID | None = Field(description="membership id, when the person is a member")
    placement_id: UUID
    months: Literal[3, 6]
    still_employed: bool


@registry.upcaster("training.placement.followed_up", 1)
def _followed_up_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 did not carry the person: only the placement can tell, so both stay null here."""
    return {**data, "person_id": None, "member_id": None}
