"""帮扶申请 applications: submit, and the approval chain as actions.

基层工会意见 ``/opinion`` → 街道/区审核 ``/review`` → 审批 ``/approve`` (amount, budget), or
``/reject`` at the step due. Each step needs an assistance officer entitled to it (or a city
administrator), never one who took an earlier step of the same application.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID, uuid4

import asyncpg
from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.auth import Principal, Role
from shared.http.commanding import Render
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found
from shared.pii import PiiCipher

from assistance.adapters.aid import views
from assistance.bootstrap import Container
from assistance.domain.aid.application_authority import ActorRole
from assistance.domain.aid.application_status import NEXT_STEP, STATUS_LABELS, ApplicationStatus
from assistance.domain.aid.codes import PROGRAMME_LABELS, Programme
from assistance.entrypoints.api.aid import schemas as s
from assistance.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    may_see_notes,
    scope_path,
)
from assistance.entrypoints.api.households.view import log_related_reads
from assistance.service_layer.aid import commands as c
from assistance.service_layer.commands import Command, CommandResult

router = APIRouter(prefix="/api/v1/applications", tags=["帮扶申请 applications"])


def actor_role(principal: Principal) -> ActorRole:
    """The role the approval chain knows the caller by."""
    if principal.has_any(Role.CITY_ADMIN):
        return ActorRole.CITY_ADMIN
    if principal.has_any(Role.ASSISTANCE_OFFICER):
        return ActorRole.ASSISTANCE_OFFICER
    return ActorRole.OTHER


def application_out(row: asyncpg.Record, cipher: PiiCipher, *, with_note: bool) -> s.ApplicationOut:
    sealed, reason = row["rejection_note_cipher"], row["reason_cipher"]
    fields = {k: v for k, v in dict(row).items() if not k.endswith("_cipher")}
    return s.ApplicationOut(
        **fields,
        programme_label=PROGRAMME_LABELS[row["programme"]],
        status_label=STATUS_LABELS[row["status"]],
        next_step=NEXT_STEP.get(row["status"]),
        rejection_note=cipher.decrypt(sealed) if with_note and sealed else None,
        reason=cipher.decrypt(reason) if with_note and reason else None,
    )


def _renderer(container: Container, principal: Principal) -> Render:
    async def render(conn: Connection, result: CommandResult) -> s.ApplicationOut | None:
        row = await views.application(conn, "/", result.aggregate_id)
        with_note = may_see_notes(principal)
        return application_out(row, container.cipher, with_note=with_note) if row else None

    return render


async def _step(
    command: Commanding, step: Callable[..., Command], application_id: UUID, body: Any
) -> Response:
    """Take one step of the chain as the caller, in the role they act in."""
    principal = command.principal
    make = partial(
        step, application_id=application_id, actor_subject=principal.subject,
        actor_role=actor_role(principal), **body.model_dump(),
    )  # fmt: skip
    return await command.run(make, _renderer(command.container, principal))


@router.post("", status_code=201, response_model=s.ApplicationOut)
async def submit_application(body: s.ApplicationIn, command: Commanding) -> Response:
    """提交帮扶申请: apply for aid for a household on file or a member."""
    make = partial(
        c.SubmitApplication, application_id=uuid4(), submitted_by=command.principal.subject,
        **body.model_dump(),
    )  # fmt: skip
    render = _renderer(command.container, command.principal)
    return await command.run(make, render, status=201, location="/api/v1/applications/{id}")


@router.post("/{application_id}/opinion", response_model=s.ApplicationOut)
async def give_opinion(application_id: UUID, body: s.OpinionIn, command: Commanding) -> Response:
    """基层工会意见: support the application, or reject it with a reason."""
    return await _step(command, c.GiveOpinion, application_id, body)


@router.post("/{application_id}/review", response_model=s.ApplicationOut)
async def review_application(
    application_id: UUID, body: s.ReviewIn, command: Commanding
) -> Response:
    """街道/区审核: pass the application to approval, or reject it with a reason."""
    return await _step(command, c.ReviewApplication, application_id, body)


@router.post("/{application_id}/approve", response_model=s.ApplicationOut)
async def approve_application(
    application_id: UUID, body: s.ApproveIn, command: Commanding
) -> Response:
    """审批: approve an amount (≤ requested), reserved at once from the budget; 409 if short."""
    return await _step(command, c.ApproveApplication, application_id, body)


@router.post("/{application_id}/reject", response_model=s.ApplicationOut)
async def reject_application(
    application_id: UUID, body: s.RejectIn, command: Commanding
) -> Response:
    """驳回: end the application at the step due, with a reason code."""
    return await _step(command, c.RejectApplication, application_id, body)


@router.get("", response_model=Page[s.ApplicationOut])
async def list_applications(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    status: ApplicationStatus | None = None,
    programme: Programme | None = None,
    household_id: UUID | None = None,
    member_id: UUID | None = None,
) -> Page[s.ApplicationOut]:
    """List applications in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        filters = (
            Filters("o.path", await scope_path(conn, principal))
            .equal("a.status", status)
            .equal("a.programme", programme)
            .equal("a.household_id", household_id)
            .equal("a.member_id", member_id)
        )
        rows, total = await page(
            conn,
            views.APPLICATIONS,
            filters,
            views.APPLICATION_COLUMNS,
            "a.created_at DESC, a.id",
            paging.limit,
            paging.offset,
        )
        await log_related_reads(conn, principal, (r["household_id"] for r in rows), "applications")
    with_note = may_see_notes(principal)
    items = [application_out(r, container.cipher, with_note=with_note) for r in rows]
    return paging.page(items, total)


@router.get("/{application_id}", response_model=s.ApplicationOut)
async def get_application(
    application_id: UUID, principal: Reader, container: ContainerDep
) -> s.ApplicationOut:
    """One application: where it stands in the chain, who took each step, its payment."""
    async with container.pool.acquire() as conn:
        row = await views.application(conn, await scope_path(conn, principal), application_id)
        if row is not None:
            await log_related_reads(conn, principal, [row["household_id"]], "application")
    if row is None:
        raise not_found("帮扶申请")
    return application_out(row, container.cipher, with_note=may_see_notes(principal))
