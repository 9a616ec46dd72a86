"""Handlers after mediation: referral, award, recoveries, withdrawal, 办结."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import ensure_fen

from disputes.domain.cases.codes import ArbitrationOutcome, EmploymentEnding, ReferralTarget
from disputes.domain.cases.parts import Award, Referral, ReferralItems
from disputes.service_layer.cases import commands as c
from disputes.service_layer.cases.loading import on_case
from disputes.service_layer.commands import CommandResult

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def refer_case(cmd: c.ReferCase, uow: AbstractUnitOfWork) -> CommandResult:
    items = ReferralItems(
        had_written_contract=cmd.had_written_contract,
        wages_claimed_fen=ensure_fen(
            cmd.wages_claimed_fen, field="wages_claimed_fen", label="工资"
        ),
        overtime_claimed_fen=ensure_fen(
            cmd.overtime_claimed_fen, field="overtime_claimed_fen", label="加班费"
        ),
        social_insurance_claimed=cmd.social_insurance_claimed,
        work_injury=cmd.work_injury,
        employment_ending=EmploymentEnding(cmd.employment_ending),
    )
    target = ReferralTarget(cmd.target)
    return await on_case(
        uow,
        cmd,
        lambda case, today: case.refer(
            Referral(target, cmd.referred_on, items, tuple(e.sha256 for e in case.evidence)), today
        ),
    )


async def record_award(cmd: c.RecordAward, uow: AbstractUnitOfWork) -> CommandResult:
    amount = ensure_fen(cmd.awarded_fen, field="awarded_fen", label="裁决金额")
    award = Award(ArbitrationOutcome(cmd.outcome), amount, cmd.decided_on, cmd.award_no.strip())
    return await on_case(uow, cmd, lambda case, today: case.record_award(award, today))


async def record_recovery(cmd: c.RecordRecovery, uow: AbstractUnitOfWork) -> CommandResult:
    return await on_case(
        uow,
        cmd,
        lambda case, today: case.record_recovery(
            cmd.recovery_id, cmd.amount_fen, cmd.received_on, today
        ),
    )


async def withdraw_case(cmd: c.WithdrawCase, uow: AbstractUnitOfWork) -> CommandResult:
    return await on_case(uow, cmd, lambda case, today: case.withdraw(cmd.withdrawn_on, today))


async def close_case(cmd: c.CloseCase, uow: AbstractUnitOfWork) -> CommandResult:
    return await on_case(uow, cmd, lambda case, today: case.close(cmd.closed_on, today))
