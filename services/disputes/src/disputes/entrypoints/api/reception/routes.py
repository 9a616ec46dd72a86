"""接待来访/信访: log every contact, answer it or turn it into a case, list them."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import Field
from shared.adapters import Connection
from shared.adapters.listing import Filters, page
from shared.http.fields import ApiModel, BusinessDate, PositiveCount
from shared.http.pagination import Page, PageDep

from disputes.domain.cases.codes import Category, Channel
from disputes.entrypoints.api.cases.schemas import Body
from disputes.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.reception import commands as c

router = APIRouter(prefix="/api/v1/contacts", tags=["接待来访 reception"])


class ContactIn(Body):
    org_id: UUID
    channel: Channel = Field(description="来访、电话、网上、信件、上级转办")
    workers_involved: PositiveCount
    contacted_on: BusinessDate
    topic: str = Field(min_length=1, max_length=2000, description="来访事由（加密保存）")
    category: Category | None = None
    caller_name: str | None = Field(default=None, max_length=50, description="来访人（加密保存）")


class AnswerIn(Body):
    answer: str = Field(min_length=1, max_length=2000, description="答复内容（加密保存）")
    closed_on: BusinessDate


class OpenCaseIn(Body):
    case_id: UUID = Field(description="登记的案件")
    closed_on: BusinessDate


class ContactOut(ApiModel):
    id: UUID
    org_id: UUID
    channel: str
    category: str | None
    workers_involved: int
    contacted_on: date
    status: str
    case_id: UUID | None
    closed_on: date | None
    entered_by: str | None = Field(description="录入人（令牌主体；迁移前的记录为空）")
    entered_at: datetime | None = Field(description="录入时间（补录的来访晚于来访日期）")


_COLUMNS = ", ".join(f"k.{name}" for name in ContactOut.model_fields)


async def _render(conn: Connection, result: CommandResult) -> ContactOut:
    # the row, not the aggregate: the entry time is the database's
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM contacts k WHERE k.id = $1",
                              result.aggregate_id)  # fmt: skip
    assert row is not None  # written by the command in this transaction
    return ContactOut(**dict(row))


@router.post("", status_code=201, response_model=ContactOut)
async def log_contact(body: ContactIn, command: Commanding) -> Response:
    """登记来访: a worker's contact, whatever the channel."""
    make = partial(c.LogContact, **body.model_dump(), entered_by=command.principal.subject)
    return await command.run(make, _render, status=201, location="/api/v1/contacts/{id}")


@router.post("/{contact_id}/answer", response_model=ContactOut)
async def answer(contact_id: UUID, body: AnswerIn, command: Commanding) -> Response:
    """当场答复: close the contact as answered."""
    make = partial(c.AnswerContact, contact_id=contact_id, **body.model_dump())
    return await command.run(make, _render)


@router.post("/{contact_id}/case", response_model=ContactOut)
async def open_case(contact_id: UUID, body: OpenCaseIn, command: Commanding) -> Response:
    """转为案件: close the contact with the case registered from it."""
    make = partial(c.OpenCaseFromContact, contact_id=contact_id, **body.model_dump())
    return await command.run(make, _render)


@router.get("", response_model=Page[ContactOut])
async def list_contacts(
    principal: Reader, container: ContainerDep, paging: PageDep, status: str | None = None
) -> Page[ContactOut]:
    """Contacts in the caller's subtree, newest first."""
    async with container.pool.acquire() as conn:
        where = Filters("o.path", await scope_path(conn, principal)).equal("k.status", status)
        rows, total = await page(
            conn,
            "contacts k JOIN org_replica o ON o.id = k.org_id",
            where,
            _COLUMNS,
            "k.contacted_on DESC, k.id",
            paging.limit,
            paging.offset,
        )
    return paging.page([ContactOut(**dict(r)) for r in rows], total)
