"""Handlers of employment services: seekers, postings, fairs and placements."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from shared.seedwork import Conflict, InvalidValue, NotFound, clean_text

from training.domain.codes import PlacementChannel, SeekerStatus
from training.domain.employment.fair import Fair, FairEmployer
from training.domain.employment.placement import Placement
from training.domain.employment.seeker import Posting, Seeker
from training.service_layer import people
from training.service_layer.commands import CommandResult
from training.service_layer.employment import commands as c
from training.service_layer.scope import employer_known, ensure_visible, organisation_in_scope

if TYPE_CHECKING:
    from training.service_layer.ports import AbstractUnitOfWork


def _text(value: str, field: str, label: str) -> str:
    return clean_text(value, field=field, label=label, max_length=200)


async def register_seeker(cmd: c.RegisterSeeker, uow: AbstractUnitOfWork) -> CommandResult:
    if cmd.status not in {s.value for s in SeekerStatus}:
        raise InvalidValue("求职者类别代码无效", field="status")
    dating = uow.dating()
    on = dating.today
    if cmd.registered_on is not None:
        on = dating.check(cmd.registered_on, field="registered_on", label="登记日期")
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root)
        person = await people.identify(uow, cmd.person, prefix="person")
        made = Seeker.register(
            id=cmd.seeker_id, org_id=cmd.org_id, person_id=person.person_id,
            member_id=person.member_id, status=SeekerStatus(cmd.status),
            wanted_occupation=_text(cmd.wanted_occupation, "wanted_occupation", "求职意向"),
            registered_on=on,
        )  # fmt: skip
        await uow.seekers.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def publish_posting(cmd: c.PublishPosting, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root)
        await employer_known(uow, cmd.employer_id)
        made = Posting.publish(
            id=cmd.posting_id, org_id=cmd.org_id, employer_id=cmd.employer_id,
            employer_name=_text(cmd.employer_name, "employer_name", "用人单位名称"),
            title=_text(cmd.title, "title", "岗位名称"),
            occupation=_text(cmd.occupation, "occupation", "职业（工种）"),
            positions=cmd.positions, published_on=uow.today(),
        )  # fmt: skip
        await uow.postings.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def hold_fair(cmd: c.HoldFair, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root)
        made = Fair.hold(
            cmd.fair_id, cmd.org_id, _text(cmd.title, "title", "招聘会名称"),
            _text(cmd.venue, "venue", "地点"), cmd.held_on,
        )  # fmt: skip
        await uow.fairs.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def _locked_fair(uow: AbstractUnitOfWork, fair_id: UUID, scope: UUID | None) -> Fair:
    found = await uow.fairs.lock(fair_id)
    if found is None:
        raise NotFound("招聘会不存在", field="fair_id")
    await ensure_visible(uow, found.org_id, scope, what="招聘会")
    return found


async def add_fair_employer(cmd: c.AddFairEmployer, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        fair = await _locked_fair(uow, cmd.fair_id, cmd.scope_root)
        await employer_known(uow, cmd.employer_id)
        name = _text(cmd.employer_name, "employer_name", "用人单位名称")
        fair.add_employer(FairEmployer(cmd.employer_id, name, cmd.positions))
        await uow.commit()
    return CommandResult(fair.id, fair.version, fair)


async def add_fair_seeker(cmd: c.AddFairSeeker, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        fair = await _locked_fair(uow, cmd.fair_id, cmd.scope_root)
        seeker = await _seeker(uow, cmd.seeker_id, cmd.scope_root)
        if not await uow.fair_seekers.add(fair.id, seeker.id):
            raise Conflict("该求职者已登记参会", field="seeker_id")
        fair.register_seeker()
        await uow.commit()
    return CommandResult(fair.id, fair.version, fair)


async def count_fair_seekers(cmd: c.CountFairSeekers, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        fair = await _locked_fair(uow, cmd.fair_id, cmd.scope_root)
        fair.count_seekers(cmd.seekers_counted)
        await uow.commit()
    return CommandResult(fair.id, fair.version, fair)


async def _seeker(uow: AbstractUnitOfWork, seeker_id: UUID, scope: UUID | None) -> Seeker:
    found = await uow.seekers.lock(seeker_id)
    if found is None:
        raise NotFound("求职登记不存在", field="seeker_id")
    await ensure_visible(uow, found.org_id, scope, what="求职登记")
    return found


async def record_placement(cmd: c.RecordPlacement, uow: AbstractUnitOfWork) -> CommandResult:
    if cmd.channel not in {ch.value for ch in PlacementChannel}:
        raise InvalidValue("就业途径代码无效", field="channel")
    async with uow:
        seeker = await _seeker(uow, cmd.seeker_id, cmd.scope_root)
        await employer_known(uow, cmd.employer_id)
        await _channel_known(uow, cmd)
        uow.dating().check(cmd.placed_on, field="placed_on", label="就业日期")
        if cmd.placed_on < seeker.registered_on:
            # placed through the union's employment service: never before registering with it
            day = seeker.registered_on.isoformat()
            raise InvalidValue(f"就业日期不能早于求职登记日期 {day}", field="placed_on")
        seeker.mark_placed()
        made = Placement.record(
            id=cmd.placement_id, seeker_id=seeker.id, org_id=seeker.org_id,
            person_id=seeker.person_id, member_id=seeker.member_id, employer_id=cmd.employer_id,
            employer_name=_text(cmd.employer_name, "employer_name", "用人单位名称"),
            channel=PlacementChannel(cmd.channel), fair_id=cmd.fair_id, posting_id=cmd.posting_id,
            reemployment=seeker.reemployment, placed_on=cmd.placed_on, entered_by=cmd.entered_by,
            person_link=await uow.people.link_of(seeker.person_id),
        )  # fmt: skip
        await uow.placements.add(made)
        await uow.commit()
    return CommandResult(made.id, made.version, made)


async def _channel_known(uow: AbstractUnitOfWork, cmd: c.RecordPlacement) -> None:
    if cmd.fair_id is not None:
        fair = await uow.fairs.get(cmd.fair_id)
        if fair is None:
            raise InvalidValue("招聘会不存在", field="fair_id")
        if cmd.placed_on < fair.held_on:
            day = fair.held_on.isoformat()
            raise InvalidValue(f"就业日期不能早于招聘会举办日期 {day}", field="placed_on")
    if cmd.posting_id is not None and await uow.postings.get(cmd.posting_id) is None:
        raise InvalidValue("招聘信息不存在", field="posting_id")


async def follow_up(cmd: c.FollowUpPlacement, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        found = await uow.placements.get(cmd.placement_id)
        if found is None:
            raise NotFound("就业记录不存在", field="placement_id")
        await ensure_visible(uow, found.org_id, cmd.scope_root, what="就业记录")
        found.follow_up(cmd.months, cmd.still_employed, uow.today())
        await uow.commit()
    return CommandResult(found.id, found.version, found)
