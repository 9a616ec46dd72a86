"""A seeded, untidy membership stream: every event type, corrections, disorder and copies.

Aggregates get their events in version order; the stream then interleaves them at random and
spoils it the ways a real stream can be spoiled: two versions of one aggregate swapped (the
older then arrives stale), old versions re-published under new event ids, and whole events
delivered again. Dates wander back and forth, so later facts correct earlier ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID, uuid5

from shared.contracts import membership as c
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent

from .conftest import envelope

START = date(2023, 1, 1)


@dataclass
class EventMix:
    """The aggregates' events, and the untidy stream made of them."""

    seed: int
    grouped: bool = False  # each aggregate's events together, so they share a batch
    rng: random.Random = field(init=False)
    histories: list[tuple[UUID, list[IntegrationEvent]]] = field(default_factory=list)
    unions: list[UUID] = field(default_factory=list)
    zero_based: UUID | None = None  # one member's versions start at 0, the envelope's default

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def day(self, spread: int = 700) -> date:
        return START + timedelta(days=self.rng.randrange(spread))

    def stream(self) -> list[CloudEvent]:
        """Every aggregate's events, interleaved and spoiled."""
        self._tree()
        self._employers()
        self._members()
        self._contracts()
        queues = [
            [
                envelope(event, aggregate, version)
                for version, event in enumerate(events, 0 if aggregate == self.zero_based else 1)
            ]
            for aggregate, events in self.histories
        ]
        merged: list[CloudEvent] = []
        while queues:
            queue = self.rng.choice(queues)
            merged.extend(queue if self.grouped else queue[:1])
            del queue[: len(queue) if self.grouped else 1]
            if not queue:
                queues.remove(queue)
        return self._spoil(merged)

    def _spoil(self, merged: list[CloudEvent]) -> list[CloudEvent]:
        spoiled = list(merged)
        for index in range(len(spoiled) - 1):
            ahead, behind = spoiled[index], spoiled[index + 1]
            if ahead.subject == behind.subject and self.rng.random() < 0.5:
                spoiled[index], spoiled[index + 1] = behind, ahead
        for original in self.rng.sample(merged, len(merged) // 8):  # delivered again
            spoiled.insert(self.rng.randrange(len(spoiled) + 1), original)
        for original in self.rng.sample(merged, len(merged) // 10):  # an old version re-sent
            again = original.model_copy(update={"id": str(UUID(int=self.rng.getrandbits(128)))})
            spoiled.insert(self.rng.randrange(len(spoiled) + 1), again)
        return spoiled

    def _tree(self) -> None:
        city = self._found(self._id(), None, "city_federation")
        streets = [self._found(self._id(), city, "street_federation") for _ in range(3)]
        communities = [
            self._found(self._id(), self.rng.choice(streets), "community_federation")
            for _ in range(5)
        ]
        self.unions = [
            self._found(self._id(), self.rng.choice(communities), "grassroots_union")
            for _ in range(8)
        ]
        for org, events in self.histories:
            for _ in range(self.rng.randrange(4)):
                events.append(self._org_change(org, events, [*streets, *communities]))
            if self.rng.random() < 0.15:
                events.append(c.UnionDissolved(org_id=org, occurred_on=self.day()))

    def _found(self, org: UUID, parent: UUID | None, kind: c.OrganisationKind) -> UUID:
        founded = c.UnionFounded(
            org_id=org, occurred_on=self.day(200), parent_id=parent, kind=kind,
            name=f"{kind}-{org.hex[:6]}",
        )  # fmt: skip
        self.histories.append((org, [founded]))
        return org

    def _org_change(
        self, org: UUID, events: list[IntegrationEvent], parents: list[UUID]
    ) -> IntegrationEvent:
        roll = self.rng.random()
        if roll < 0.4:
            return c.UnionRenamed(org_id=org, occurred_on=self.day(), name=f"新名{len(events)}")
        if roll < 0.8 and isinstance(events[0], c.UnionFounded) and events[0].parent_id:
            return c.UnionMoved(
                org_id=org, occurred_on=self.day(), old_parent_id=events[0].parent_id,
                new_parent_id=self.rng.choice([p for p in parents if p != org]),
            )  # fmt: skip
        if roll < 0.9:
            return c.UnionReelected(
                org_id=org, occurred_on=self.day(), term_start=START, term_end=date(2028, 1, 1)
            )
        return self._committee(org, len(events))

    def _committee(self, org: UUID, seq: int) -> IntegrationEvent:
        # Drawn without the generator, so the rest of the mix stays as it was.
        roles: dict[c.CommitteeRole, int] = {
            "chair": 1, "vice_chair": seq % 2, "member": 2 + seq % 3, "audit": 1, "women": 1,
        }  # fmt: skip
        start = START + timedelta(days=30 * seq)
        return c.CommitteeElected(
            org_id=org, occurred_on=start, committee_id=uuid5(org, str(seq)), elected_on=start,
            term_start=start, term_end=start + timedelta(days=1500), size=sum(roles.values()),
            by_role=roles, women=seq % 3, sex_recorded=2, full_time=1,
        )  # fmt: skip

    def _employers(self) -> None:
        for seq in range(6):
            employer = self._id()
            events: list[IntegrationEvent] = [
                c.EmployerRegistered(org_id=self._union(), occurred_on=self.day(), employer_id=employer,
                                     uscc=f"91320100MA{seq:07d}X", registration_type="173",
                                     ownership_class="private", industry="制造业"),
            ]  # fmt: skip
            for _ in range(self.rng.randrange(1, 5)):
                workers = self.rng.randrange(10, 500)
                events.append(self.rng.choice([
                    c.EmployerCensusUpdated(org_id=self._union(), occurred_on=self.day(),
                                            employer_id=employer, workers=workers,
                                            women=workers // 2, migrant_workers=workers // 3),
                    c.EmployerCoverageChanged(org_id=self._union(), occurred_on=self.day(),
                                              employer_id=employer, coverage_mode="single",
                                              covered_by_union_id=self.rng.choice(
                                                  [None, *self.unions])),
                ]))  # fmt: skip
            self.histories.append((employer, events))

    def _members(self) -> None:
        for index in range(40):
            member = self._id()
            self.zero_based = self.zero_based or member
            events: list[IntegrationEvent] = []
            if index % 13:  # a few members are known only from later events
                events.append(c.MemberAdmitted(
                    org_id=self.rng.choice(self.unions), occurred_on=self.day(60),
                    member_id=member, employer_id=self._id(),
                    sex=self.rng.choice(["female", "male"]), birth_year=1980,
                    is_migrant_worker=self.rng.random() < 0.4,
                ))  # fmt: skip
            for _ in range(self.rng.randrange(0 if events else 1, 6)):
                events.append(self._member_change(member))
            self.histories.append((member, events))

    def _member_change(self, member: UUID) -> IntegrationEvent:
        union, on, roll = self.rng.choice(self.unions), self.day(60), self.rng.random()
        if roll < 0.35:
            return c.MemberTransferred(
                org_id=union, occurred_on=on, member_id=member, transfer_id=self._id(),
                from_union_id=self.rng.choice(self.unions), to_union_id=union,
                employer_id=self._id(), reason="job_change",
            )  # fmt: skip
        if roll < 0.55:
            return c.MemberRetained(org_id=union, occurred_on=on, member_id=member,
                                    reason="retired")  # fmt: skip
        if roll < 0.7:
            return c.MemberReinstated(org_id=union, occurred_on=on, member_id=member)
        if roll < 0.8:  # admitted again: the first admission still tells sex and 农民工
            return c.MemberAdmitted(
                org_id=union, occurred_on=on, member_id=member, employer_id=self._id(),
                sex=self.rng.choice(["female", "male"]), birth_year=1980,
                is_migrant_worker=self.rng.random() < 0.5,
            )  # fmt: skip
        return c.MemberLeft(org_id=union, occurred_on=on, member_id=member, reason="voluntary")

    def _contracts(self) -> None:
        for index in range(6):
            contract, union = self._id(), self.rng.choice(self.unions)
            signed = c.ContractSigned(
                org_id=union, occurred_on=self.day(), contract_id=contract,
                kind=self.rng.choice(["comprehensive", "wage"]), employer_ids=[self._id()],
                signing_party=("own_union", "regional_union")[index % 2],
                employers_covered=2, workers_covered=100 + index, starts_on=START,
                ends_on=date(2026, 12, 31),
            )  # fmt: skip
            ended = [
                c.ContractTerminated(org_id=union, occurred_on=self.day(), contract_id=contract)
                for _ in range(self.rng.randrange(1 if index == 0 else 0, 3))
            ]
            # One contract's termination precedes its signing, another is signed twice.
            events: list[IntegrationEvent] = [*ended, signed] if index == 0 else [signed, *ended]
            if index == 1:
                events.append(signed.model_copy(update={"workers_covered": 999}))
            self.histories.append((contract, events))

    def _union(self) -> UUID:
        return self.rng.choice(self.unions)

    def _id(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)
