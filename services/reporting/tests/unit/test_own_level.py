"""本级 arithmetic: children rows plus 本级 give the 合计, transfers between children footnoted.

The figures are counted from a small list of member events the way the statistics count them
(a transfer is "in" only from outside the organisations counted), so each row and the total
come from the same facts rather than from numbers typed to agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from reporting.domain.assistance_figures import (
    AidFigures,
    AssistanceFigures,
    DonationFigures,
    HouseholdFlows,
    HouseholdStock,
    InsuranceFigures,
    ProgrammeFigures,
    VisitFigures,
)
from reporting.domain.figures import Flows, Indicators, Stock
from reporting.domain.own_level import ASSISTANCE_MEASURES, footing, membership_footing

FIRST, LAST = date(2024, 1, 1), date(2024, 6, 30)
FEDERATION, A, B = uuid4(), uuid4(), uuid4()


@dataclass(frozen=True)
class Event:
    kind: str  # admitted, transferred, left
    member: str
    union: UUID
    source: UUID | None = None


def counted(events: list[Event], orgs: set[UUID], org_id: UUID) -> Indicators:
    """Members in ``orgs`` after the events, and the period's flows into and out of ``orgs``."""
    where: dict[str, UUID] = {}
    admitted = left = moved_in = moved_out = 0
    for event in events:
        if event.kind == "admitted":
            where[event.member] = event.union
            admitted += event.union in orgs
        elif event.kind == "left":
            left += where.pop(event.member) in orgs
        else:
            assert event.source is not None
            moved_in += event.union in orgs and event.source not in orgs
            moved_out += event.source in orgs and event.union not in orgs
            where[event.member] = event.union
    active = sum(union in orgs for union in where.values())
    return Indicators(
        org_id=org_id, name=None, date_from=FIRST, stock_date=LAST,
        stock=Stock(0, 0, 0, 0, 0, active, 0),
        flows=Flows(0, admitted, 0, 0, moved_in, moved_out, left),
    )  # fmt: skip


OUTSIDE = uuid4()
EVENTS = [
    Event("admitted", "m1", A),
    Event("admitted", "m2", A),
    Event("admitted", "m3", B),
    Event("transferred", "m2", B, source=A),  # between two children
    Event("admitted", "m4", FEDERATION),  # the federation's own 机关 union
    Event("left", "m3", B),
    Event("admitted", "m5", OUTSIDE),
    Event("transferred", "m5", A, source=OUTSIDE),  # into the subtree from elsewhere
]


def table() -> tuple[Indicators, list[Indicators], Indicators]:
    total = counted(EVENTS, {FEDERATION, A, B}, FEDERATION)
    children = [counted(EVENTS, {A}, A), counted(EVENTS, {B}, B)]
    return total, children, counted(EVENTS, {FEDERATION}, FEDERATION)


def test_children_and_own_level_add_up_to_the_total() -> None:
    total, children, own = table()
    assert (own.stock.active_members, own.flows.members_admitted) == (1, 1)
    assert total.stock.active_members == 4  # m1, m2, m4, m5
    result = membership_footing(total, [*children, own])
    assert result.gaps == {}
    # m2 A → B is out of A and into B but not into the whole subtree; m5 came from outside.
    assert result.internal_transfers == 1
    assert (total.flows.transfers_in, total.flows.transfers_out) == (1, 0)
    assert sum(c.flows.transfers_out for c in children) - total.flows.transfers_out == 1


def test_without_the_own_level_row_the_children_fall_short() -> None:
    total, children, _ = table()
    assert membership_footing(total, children).gaps == {"会员数": 1, "新发展会员": 1}


def test_a_child_moved_away_leaves_a_gap_on_the_flows() -> None:
    total, children, own = table()
    # B left the federation before the stock date: its row is gone, its admissions are not.
    result = membership_footing(total, [children[0], own])
    assert result.gaps["新发展会员"] == 1
    assert result.gaps["退会"] == 1


def aid(org_id: UUID, payments: int, amount_fen: int, on_file: int) -> AssistanceFigures:
    return AssistanceFigures(
        org_id=org_id, name=None, date_from=FIRST, stock_date=LAST,
        households=HouseholdStock(on_file=on_file), files=HouseholdFlows(),
        aid=AidFigures({"emergency_relief": ProgrammeFigures(payments, amount_fen)}),
        visits=VisitFigures(), donations=DonationFigures(), insurance=InsuranceFigures(),
    )  # fmt: skip


def test_assistance_paid_by_the_federation_itself_closes_the_table() -> None:
    total = aid(FEDERATION, 3, 90_000, 2)
    children = [aid(A, 1, 20_000, 1), aid(B, 1, 30_000, 1)]
    own = aid(FEDERATION, 1, 40_000, 0)
    assert footing(total, [*children, own], ASSISTANCE_MEASURES).gaps == {}
    assert footing(total, children, ASSISTANCE_MEASURES).gaps == {"帮扶人次": 1, "帮扶金额": 40_000}
