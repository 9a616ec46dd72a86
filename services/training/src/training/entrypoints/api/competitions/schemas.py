"""Request and response bodies of skills competitions."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import asyncpg
from pydantic import ConfigDict, Field
from shared.http.fields import ApiModel, BusinessDate
from shared.pii import PiiCipher

from training.entrypoints.api.people import PersonIn, PersonOut, person_out


class TradeIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="工种（如 电工、焊工）")
    items: list[str] = Field(default_factory=list, max_length=50, description="比赛项目")


class CompetitionIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    org_id: UUID = Field(description="主办工会")
    title: str = Field(min_length=1, max_length=200, description="竞赛名称")
    held_on: BusinessDate
    trades: list[TradeIn] = Field(min_length=1, max_length=100)


class CompetitionOut(ApiModel):
    id: UUID
    org_id: UUID
    title: str
    held_on: date
    trades: list[TradeIn]


def competition_out(row: asyncpg.Record) -> CompetitionOut:
    fields = dict(row)
    fields["trades"] = [TradeIn(**t) for t in fields["trades"]]
    return CompetitionOut(**fields)


class EntryIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    trade: str = Field(min_length=1, max_length=100, description="参赛工种")
    person: PersonIn


class ResultIn(ApiModel):
    model_config = ConfigDict(extra="forbid")

    score: float = Field(ge=0, le=100_000, description="成绩")
    rank: int = Field(ge=1, le=100_000, description="名次")


class EntryOut(ApiModel):
    id: UUID
    competition_id: UUID
    org_id: UUID
    trade: str
    person: PersonOut
    entered_on: date
    score: float | None
    rank: int | None


def entry_out(row: asyncpg.Record, cipher: PiiCipher, *, reveal: bool) -> EntryOut:
    fields: dict[str, Any] = {k: row[k] for k in EntryOut.model_fields if k != "person"}
    return EntryOut(**fields, person=person_out(row, cipher, reveal=reveal))
