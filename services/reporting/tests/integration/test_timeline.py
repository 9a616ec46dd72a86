"""The member timeline: filled by the consumer, read through the API, with roles and scope.

City C → district D → streets S1, S2, S3. Union U1 sits under S1 until it moves to S3 on
2024-05-01; U2 sits under S2. The member joins U1 on 2024-01-10, transfers to U2 on 03-01,
is retained on 06-01 and expelled on 09-01: nothing of their story happened under S3.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
import pytest_asyncio
from reporting.entrypoints.app import create_app
from shared.auth import issue_token
from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent

from .conftest import Bus, envelope

pytestmark = pytest.mark.integration
ROOT = date(2020, 1, 1)


@dataclass
class Story:
    city: UUID = field(default_factory=uuid4)
    district: UUID = field(default_factory=uuid4)
    s1: UUID = field(default_factory=uuid4)
    s2: UUID = field(default_factory=uuid4)
    s3: UUID = field(default_factory=uuid4)
    u1: UUID = field(default_factory=uuid4)
    u2: UUID = field(default_factory=uuid4)
    member: UUID = field(default_factory=uuid4)

    def tree(self) -> list[CloudEvent]:
        def found(org: UUID, parent: UUID | None, kind: c.OrganisationKind) -> CloudEvent:
            return envelope(c.UnionFounded(org_id=org, occurred_on=ROOT, parent_id=parent,
                                           kind=kind, name=f"工会{org.hex[:4]}"), org, 1)  # fmt: skip

        move = c.UnionMoved(org_id=self.u1, occurred_on=date(2024, 5, 1),
                            old_parent_id=self.s1, new_parent_id=self.s3)  # fmt: skip
        return [
            found(self.city, None, "city_federation"),
            found(self.district, self.city, "district_federation"),
            *(found(s, self.district, "street_federation") for s in (self.s1, self.s2, self.s3)),
            found(self.u1, self.s1, "grassroots_union"),
            found(self.u2, self.s2, "grassroots_union"),
            envelope(move, self.u1, 2),
        ]

    def member_events(self) -> list[CloudEvent]:
        m = self.member
        events = [
            c.MemberAdmitted(org_id=self.u1, occurred_on=date(2024, 1, 10), member_id=m,
                             employer_id=uuid4(), sex="female", birth_year=1988,
                             is_migrant_worker=True),
            c.MemberTransferred(org_id=self.u2, occurred_on=date(2024, 3, 1), member_id=m,
                                transfer_id=uuid4(), from_union_id=self.u1, to_union_id=self.u2,
                                employer_id=uuid4(), reason="job_change"),
            c.MemberRetained(org_id=self.u2, occurred_on=date(2024, 6, 1), member_id=m,
                             reason="laid_off"),
            c.MemberLeft(org_id=self.u2, occurred_on=date(2024, 9, 1), member_id=m,
                         reason="expelled"),
        ]  # fmt: skip
        return [envelope(event, m, version + 1) for version, event in enumerate(events)]


@dataclass
class Reader:
    http: httpx.AsyncClient
    bus: Bus
    story: Story
    member_events: list[CloudEvent]

    async def timeline(self, role: str = "city_admin", org: UUID | None = None,
                       member: UUID | None = None) -> httpx.Response:  # fmt: skip
        token = issue_token(self.bus.container.settings, subject=f"{role}-tester", roles=[role],
                            org_id=str(org) if org else None)  # fmt: skip
        return await self.http.get(
            f"/api/v1/members/{member or self.story.member}/timeline",
            headers={"Authorization": f"Bearer {token}"},
        )


@pytest_asyncio.fixture
async def reader(bus: Bus) -> AsyncIterator[Reader]:
    story = Story()
    member_events = story.member_events()
    # Members first: the timeline does not wait for the tree it is later checked against.
    for event in (*member_events, *story.tree()):
        await bus.publish(event)
    await bus.drain()
    app = create_app(bus.container.settings.model_copy(update={"run_consumers": False}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://r.test") as http:
            yield Reader(http, bus, story, member_events)


def _entries(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["entries"]
    return entries


async def test_the_whole_story_in_order_with_labels_and_organisations(reader: Reader) -> None:
    s = reader.story
    entries = _entries(await reader.timeline())
    assert [(e["occurred_on"], e["label"], e["org_id"], e["from_org_id"]) for e in entries] == [
        ("2024-01-10", "入会", str(s.u1), None),
        ("2024-03-01", "会籍转入/转出", str(s.u2), str(s.u1)),
        ("2024-06-01", "保留会籍", str(s.u2), None),
        ("2024-09-01", "除名", str(s.u2), None),
    ]
    assert entries[0]["event_type"] == "membership.member.admitted"
    assert entries[0]["details"]["is_migrant_worker"] is True
    assert entries[2]["details"]["reason"] == "laid_off"
    async with reader.bus.pool.acquire() as conn:
        rows = await conn.fetch("SELECT stream, seq FROM member_timeline ORDER BY occurred_on")
    # Only member events enter the timeline, each with its position in the stream.
    assert [(row["stream"], row["seq"]) for row in rows] == [
        ("MEMBERSHIP", n) for n in (1, 2, 3, 4)
    ]


async def test_redelivered_events_add_nothing(reader: Reader) -> None:
    before = _entries(await reader.timeline())
    # A publisher re-sending after its de-duplication window: same event ids, new messages.
    for event in reader.member_events:
        await reader.bus.publish(event, msg_id=f"{event.id}-again")
    assert await reader.bus.drain() == 4
    assert _entries(await reader.timeline()) == before
    async with reader.bus.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM member_timeline") == 4


async def test_cadres_and_auditors_see_it_only_within_their_scope(reader: Reader) -> None:
    s = reader.story
    in_scope = [("union_cadre", s.s1), ("union_cadre", s.u1), ("union_cadre", s.u2),
                ("auditor", s.district)]  # fmt: skip
    for role, org in in_scope:
        assert len(_entries(await reader.timeline(role, org))) == 4, (role, org)
    # U1 came under S3 only after the member had left it: S3 never held any of the story.
    for role in ("union_cadre", "auditor"):
        response = await reader.timeline(role, s.s3)
        assert response.status_code == 404, role
        assert response.headers["content-type"] == "application/problem+json"


async def test_analysts_and_other_roles_are_refused_and_unknown_members_not_found(
    reader: Reader,
) -> None:
    s = reader.story
    assert (await reader.timeline("analyst", s.district)).status_code == 403
    # Mediators and training coordinators read timelines, each only the entries of its area
    # (see the tests of each area); analysts read aggregates only.
    anonymous = await reader.http.get(f"/api/v1/members/{s.member}/timeline")
    assert anonymous.status_code == 401
    assert (await reader.timeline(member=uuid4())).status_code == 404
