"""An admission over HTTP on membership shows in reporting's figures, all of it in one trace.

The caller's ``traceparent`` must reach the membership request span, its SQL, the relay's
publish span and reporting's process span, so one trace id follows a member from the form to
the statistics.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from reporting.config import MEMBERSHIP_CONSUMER
from shared.identifiers import make_id_number, make_uscc

from .conftest import Platform

ADMITTED = "membership.member.admitted.v1"
PATIENCE_SECONDS = 8.0


@dataclass(frozen=True)
class Caller:
    """A W3C trace context as an upstream system would send it."""

    trace_id: int
    span_id: int

    @classmethod
    def fresh(cls) -> Caller:
        return cls(secrets.randbits(128) | 1, secrets.randbits(64) | 1)

    @property
    def traceparent(self) -> str:
        return f"00-{self.trace_id:032x}-{self.span_id:016x}-01"


async def created(client: httpx.AsyncClient, path: str, body: dict[str, Any], **kw: Any) -> str:
    response = await client.post(path, json=body, **kw)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def found(platform: Platform, kind: str, name: str, parent: str | None, **extra: Any) -> str:
    body = {"kind": kind, "name": name, "parent_id": parent, "founded_on": "2020-01-01", **extra}
    return await created(platform.membership, "/api/v1/organisations", body)


async def plant_city_with_a_covered_employer(platform: Platform) -> tuple[str, str, str]:
    """City → district → street → community, a union founded in 2024 covering one employer."""
    city = await found(platform, "city_federation", "南京市总工会", None)
    district = await found(platform, "district_federation", "秦淮区总工会", city)
    street = await found(platform, "street_federation", "夫子庙街道总工会", district)
    community = await found(platform, "community_federation", "贡院社区工联会", street)
    union = await found(
        platform, "grassroots_union", "甲公司工会", community,
        grassroots_mode="single", founded_on="2024-01-15",
    )  # fmt: skip
    employer = await created(
        platform.membership,
        "/api/v1/employers",
        {
            "uscc": make_uscc("91320100MA0000001"),
            "name": "甲公司",
            "registration_type": "173",
            "industry": "制造业",
            "territory_org_id": community,
            "census": {
                "workers": 120,
                "women": 50,
                "migrant_workers": 30,
                "effective_on": "2024-01-01",
            },
        },
    )
    coverage = await platform.membership.put(
        f"/api/v1/employers/{employer}/coverage",
        json={"union_id": union, "effective_on": "2024-02-01"},
    )
    assert coverage.status_code == 200, coverage.text
    return city, union, employer


EXPECTED_STOCK = {
    "employers": 1,
    "workers": 120,
    "women_workers": 50,
    "women_unknown": 0,
    "migrant_workers": 30,
    "migrant_unknown": 0,
    "covered_employers": 1,
    "coverage_rate": "100.0",
    "active_members": 1,
    "retained_members": 0,
    "membership_rate": "0.8",
}
EXPECTED_FLOWS = {
    "unions_founded": 1,
    "members_admitted": 1,
    "admitted_migrant": 1,
    "admitted_female": 1,
    "transfers_in": 0,
    "transfers_out": 0,
    "members_left": 0,
}


async def settled_statistics(platform: Platform, city: str) -> dict[str, Any]:
    """The city's 2024 figures, polled until reporting has applied every event of the scenario.

    The founding, the employer, its coverage and the admission come on different subjects and
    reporting may apply them in any order: a read between two of them is not yet the answer.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while True:
        response = await platform.reporting.get(
            "/api/v1/statistics", params={"org_id": city, "period": "2024"}
        )
        # 404 until reporting has applied the city's founding: it learns only from events.
        assert response.status_code in (200, 404), response.text
        figures: dict[str, Any] = response.json()
        if response.status_code == 200 and (
            (figures["stock"], figures["flows"]) == (EXPECTED_STOCK, EXPECTED_FLOWS)
        ):
            return figures
        if loop.time() > deadline:
            pytest.fail(
                f"reporting's figures were not the scenario's within {PATIENCE_SECONDS:g} s: "
                f"last read {figures}, expected stock {EXPECTED_STOCK} and flows {EXPECTED_FLOWS}"
            )
        await asyncio.sleep(0.05)


def descends_from(span: ReadableSpan, ancestor: ReadableSpan, spans: list[ReadableSpan]) -> bool:
    """Whether ``ancestor`` is up the parent chain of ``span`` (not merely in the same trace)."""
    parents = {s.context.span_id: s.parent for s in spans if s.context is not None}
    target = ancestor.context.span_id if ancestor.context is not None else None
    parent = span.parent
    while parent is not None and parent.span_id != target:
        parent = parents.get(parent.span_id)
    return parent is not None


def sql_of(span: ReadableSpan) -> str:
    """The SQL of an asyncpg span under either the old or the stable semantic conventions."""
    attributes = span.attributes or {}
    if attributes.get("db.system", attributes.get("db.system.name")) != "postgresql":
        return ""
    return str(attributes.get("db.statement", attributes.get("db.query.text", "")))


def only(spans: list[ReadableSpan], name: str) -> ReadableSpan:
    named = [span for span in spans if span.name == name]
    assert len(named) == 1, [span.name for span in spans]
    return named[0]


@pytest.mark.integration
async def test_an_admission_reaches_the_figures_in_the_callers_trace(
    platform: Platform, exporter: InMemorySpanExporter
) -> None:
    city, union, employer = await plant_city_with_a_covered_employer(platform)
    caller = Caller.fresh()
    admission = {
        "name": "李梅",
        "id_number": make_id_number("320104", date(1992, 5, 17), 3, "female"),
        "mobile": "13912345678",
        "household_type": "agricultural",
        "employer_id": employer,
        "union_id": union,
        "joined_on": "2024-03-01",
    }

    await created(
        platform.membership, "/api/v1/members", admission,
        headers={"traceparent": caller.traceparent},
    )  # fmt: skip
    figures = await settled_statistics(platform, city)
    assert figures["name"] == "南京市总工会"

    spans = [s for s in exporter.get_finished_spans() if s.context.trace_id == caller.trace_id]
    server = only(spans, "POST /api/v1/members")
    assert server.kind is SpanKind.SERVER
    assert server.parent is not None
    assert server.parent.span_id == caller.span_id
    request_sql = [sql_of(s) for s in spans if sql_of(s) and descends_from(s, server, spans)]
    # The member's row and its outbox row are written by one statement.
    admission = [sql for sql in request_sql if "INSERT INTO members (" in sql]
    assert len(admission) == 1, request_sql
    assert "INSERT INTO outbox (" in admission[0], request_sql
    publish = only(spans, f"{ADMITTED} publish")
    assert publish.kind is SpanKind.PRODUCER
    assert descends_from(publish, server, spans)
    process = only(spans, f"{ADMITTED} process")
    assert process.kind is SpanKind.CONSUMER
    assert (process.attributes or {})["messaging.consumer.group.name"] == (
        MEMBERSHIP_CONSUMER.durable
    )
    assert descends_from(process, publish, spans)
    projected = [sql_of(s) for s in spans if sql_of(s) and descends_from(s, process, spans)]
    assert any("member_facts" in sql for sql in projected), projected
