"""Every cell of the annual report's tables 1–7 for the street's 2025, worked out by hand.

Windows as in ``past_year_expected``: ``2025`` is ``year=2025`` read at the year's end, and
``2025H1`` the same year read ``as_of=2025-06-30``: stocks on that day and flows from January
to it, which are the half-year's figures of ``past_year_expected``. A figure that is the same
quantity as one there is taken from there; the others are written here with their reason. The
cell keys are written out here too (not read from the tables' declaration), so that a cell the
report gains fails the test until its figure is written down. A cell not named is 0, a rate
of a group without employers is None (undefined).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import past_year_expected as known
from .past_year_expected import Org, Window
from .past_year_mediation import Mediation
from .past_year_street import Street
from .past_year_training import Training

Figure = int | Decimal | None
Cells = dict[str, Figure]
ORGS = ("street", "A", "B")
WINDOWS = ("2025", "2025H1")
AS_OF = {"2025": "2025-12-31", "2025H1": "2025-06-30"}

# 工年统1表's rows by organisation kind, in the form's order
KINDS = ("city_federation", "district_federation", "street_federation", "community_federation",
         "building_federation", "industry_federation", "village_federation", "market_union",
         "grassroots_union", "union_group")  # fmt: skip


def organisations(org: Org, window: Window) -> Cells:
    """工年统1表: organisations existing and committees in office on the stock date."""
    total, kinds, single, joint = known.ORGANISATIONS[org, window]
    committees: dict[str, Any] = known.COMMITTEES[org, window]
    return {
        "total.organisations": total,
        "total.committees": committees["committees"],
        "total.members_seated": committees["members"],
        **{f"{kind}.organisations": kinds.get(kind, 0) for kind in KINDS},
        "single.organisations": single,
        "joint.organisations": joint,
    }


# 工年统2表: the ownership classes (and 未分类) and the size bands of 25, 50, 100, 200, 500,
# 1000 workers (0: <25 … 6: ≥1000, and 未排摸)
CLASSES = ("state", "collective", "cooperative", "joint_operation", "limited_liability",
           "joint_stock", "private", "other_domestic", "hk_macao_taiwan", "foreign",
           "joint_venture_unspecified", "public_sector", "social_organisation",
           "individual_business", "other", "unknown")  # fmt: skip
BANDS = ("0", "1", "2", "3", "4", "5", "6", "unknown")
EMPLOYER_MEASURES = ("employers", "workers", "covered_employers", "covered_workers",
                     "coverage_rate")  # fmt: skip
NO_EMPLOYER = (0, 0, 0, 0, None)
Group = tuple[int, int, int, int, str | None]

# all employers, then the enterprises (E5, a 社会团体, is none): employers, workers, with a
# union, their workers, 建会率 (by employers)
TOTALS: dict[tuple[Org, Window], tuple[Group, Group]] = {
    # every employer but E5 (8 workers) has a union: 1,620 − 8 = 1,612 covered workers
    ("street", "2025"): ((6, 1620, 5, 1612, "83.3"), (5, 1612, 5, 1612, "100.0")),
    # E1 300, E2 40 and E6 60 have a union; E4 (800) not before September; E3 not yet there
    ("street", "2025H1"): ((5, 1208, 3, 400, "60.0"), (4, 1200, 3, 400, "75.0")),
    ("A", "2025"): ((3, 352, 3, 352, "100.0"), (3, 352, 3, 352, "100.0")),  # E1, E2, E3
    ("A", "2025H1"): ((2, 340, 2, 340, "100.0"), (2, 340, 2, 340, "100.0")),  # E1, E2
    ("B", "2025"): ((2, 1208, 1, 1200, "50.0"), (1, 1200, 1, 1200, "100.0")),  # E4 and E5
    ("B", "2025H1"): ((2, 808, 0, 0, "0.0"), (1, 800, 0, 0, "0.0")),  # E4 at 800, E5
}
SIZES: dict[tuple[Org, Window], dict[str, Group]] = {
    **known.SIZES,
    ("A", "2025"): {
        "0": (1, 12, 1, 12, "100.0"),  # E3, under U2 since September
        "1": (1, 40, 1, 40, "100.0"),  # E2
        "4": (1, 300, 1, 300, "100.0"),  # E1
    },
    ("A", "2025H1"): {"1": (1, 40, 1, 40, "100.0"), "4": (1, 300, 1, 300, "100.0")},
    ("B", "2025"): {"0": (1, 8, 0, 0, "0.0"), "6": (1, 1200, 1, 1200, "100.0")},  # E5, E4
    ("B", "2025H1"): {"0": (1, 8, 0, 0, "0.0"), "5": (1, 800, 0, 0, "0.0")},  # E4's first census
}


def _figure(value: int | str | None) -> Figure:
    """A rate written as text ("83.3") as the Decimal the report gives."""
    return Decimal(value) if isinstance(value, str) else value


def employers(org: Org, window: Window) -> Cells:
    """工年统2表: employers on the stock date, in all, enterprises, by class and by size."""
    total, enterprises = TOTALS[org, window]
    groups: dict[str, Group] = {
        "total": total,
        "enterprises": enterprises,
        **{f"class_{c}": known.CLASSES[org, window].get(c, NO_EMPLOYER) for c in CLASSES},
        **{f"band_{b}": SIZES[org, window].get(b, NO_EMPLOYER) for b in BANDS},
    }
    return {f"{group}.{measure}": _figure(value)
            for group, figures in groups.items()
            for measure, value in zip(EMPLOYER_MEASURES, figures, strict=True)}  # fmt: skip


# active members of the organisation's own (本级: none, every member is in a grassroots union
# below it), active women and those of unknown sex, active 农民工 and those not known (every
# member was admitted with an ID number and a 户口 type: none unknown)
PROFILE: dict[tuple[Org, Window], tuple[int, int, int, int, int]] = {
    # M1–M7 and M9 (M8 left): women M2, M3, M5, M7; 农业户口 M2, M4, M5
    ("street", "2025"): (0, 4, 0, 3, 0),
    # M1, M2, M4, M7, M9: women M2, M7; 农业户口 M2, M4 (M8, also one, left on 31 May)
    ("street", "2025H1"): (0, 2, 0, 2, 0),
    ("A", "2025"): (0, 3, 0, 3, 0),  # M1–M5: women M2, M3, M5; 农业户口 M2, M4, M5
    ("A", "2025H1"): (0, 1, 0, 2, 0),  # M1, M2, M4, M9: woman M2; 农业户口 M2, M4
    ("B", "2025"): (0, 0, 0, 0, 0),  # M6 and M9, urban men
    ("B", "2025H1"): (0, 0, 0, 0, 0),  # nobody yet
}


def members(org: Org, window: Window) -> Cells:
    """工年统3表: members on the stock date, the year's flows, the census's workers."""
    stock = known.STOCK[org, window]
    _, workers, women, women_unknown, migrants, migrants_unknown, _, _, active, retained, _ = stock
    _, admitted, admitted_migrant, admitted_female, _, _, left = known.FLOWS[org, window]
    own, female, sex_unknown, migrant, migrant_unknown = PROFILE[org, window]
    return {
        "active.people": active,
        "own_active.people": own,
        "active_female.people": female,
        "active_female.unknown": sex_unknown,
        "active_migrant.people": migrant,
        "active_migrant.unknown": migrant_unknown,
        "retained.people": retained,
        "admitted.people": admitted,
        "admitted_female.people": admitted_female,
        "admitted_migrant.people": admitted_migrant,
        "left.people": left,
        "workers.people": workers,
        "women.people": women,
        "women.unknown": women_unknown,  # employers whose census left women unknown: E3
        "migrant.people": migrants,
        "migrant.unknown": migrants_unknown,
    }


PARTIES = ("own_union", "regional_union", "industry_union")
CONTRACT_MEASURES = ("contracts", "employers_covered", "workers_covered")
# all parties: in force on the stock date, signed in the window (contracts, employers, workers)
CONTRACT_TOTALS: dict[tuple[Org, Window], tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    # in force C1 (E1 300), C2 (E2+E3 52), C4 (E6 60), C5 (E4+E5 808); signed C2, C4, C5
    ("street", "2025"): ((4, 6, 1220), (3, 5, 920)),
    # in force C1, C4, C5 (C2 comes in September); signed C4 (March) and C5 (May)
    ("street", "2025H1"): ((3, 4, 1168), (2, 3, 868)),
    ("A", "2025"): ((2, 3, 352), (1, 2, 52)),  # C1 and C2; C2 (A's own, regional)
    ("A", "2025H1"): ((1, 1, 300), (0, 0, 0)),  # C1, signed in 2024
    ("B", "2025"): ((1, 2, 808), (1, 2, 808)),  # C5
    ("B", "2025H1"): ((1, 2, 808), (1, 2, 808)),
}


def contracts(org: Org, window: Window) -> Cells:
    """工年统4表: contracts in force and signed, in all and by signing party."""
    in_force, signed = CONTRACT_TOTALS[org, window]
    cells: Cells = {}
    for prefix, total, by_party in (("in_force", in_force, known.BY_PARTY_IN_FORCE),
                                    ("signed", signed, known.BY_PARTY_SIGNED)):  # fmt: skip
        rows = {"total": total, **{p: by_party[org, window].get(p, known.NONE) for p in PARTIES}}
        for row, figures in rows.items():
            for measure, value in zip(CONTRACT_MEASURES, figures, strict=True):
                cells[f"{row}.{prefix}_{measure}"] = value
    return cells


PROGRAMMES = ("festival_consolation", "student_aid", "medical_aid", "emergency_relief",
              "summer_relief")  # fmt: skip
PAID: dict[tuple[Org, Window], dict[str, tuple[int, int]]] = {
    **known.PROGRAMMES,
    ("A", "2025H1"): {"medical_aid": (2, 80_000)},  # H1's May and H2's June payments
    ("B", "2025"): {},  # nobody in 白鹭洲 was paid (H5 was filed, never paid)
    ("B", "2025H1"): {},
}


def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100


def hardship(org: Org, window: Window) -> Cells:
    """工年统5表: aid (人次, people, employers, yuan) in all and by programme, and visits."""
    times, people, employers_paid, fen = known.AID[org, window]
    visits, visited, _, employers_visited = known.VISITS[org, window]
    cells: Cells = {
        "aid.times": times,
        "aid.people": people,
        "aid.employers": employers_paid,
        "aid.amount": yuan(fen),
        "visits.times": visits,
        "visits.people": visited,
        "visits.employers": employers_visited,
    }
    for programme in PROGRAMMES:
        paid, amount = PAID[org, window].get(programme, (0, 0))
        cells[f"{programme}.times"] = paid
        cells[f"{programme}.amount"] = yuan(amount)
    return cells


# 工年统6表 (``past_year_mediation``): flows from 1 January to the stock date. A case counts
# under its own organisation (贡院's room: A; 白鹭洲's: B; the street centre: the street), a
# contact and a legal aid too; 办结 counts accepted cases only (D6, declined, is none).
# contacts, their workers, accepted, their workers, settled, closed, legal aid, 办结率, 调解成功率
MediationRow = tuple[int, int, int, int, int, int, int, str | None, str | None]
MEDIATION: dict[tuple[Org, Window], MediationRow] = {
    # contacts C1 (1), C2 (2), C3 (1), C4 (15); accepted D1 (3), D2 (15), D3 (1), D4 (2),
    # D5 (1) (D0 in 2024, D6 declined); settled D0 (6 Jan), D1, D4; closed D0, D1, D2, D3,
    # D4; legal aid L1 (street, May), L2 (白鹭洲, November); 5 ÷ 5 closed, 3 ÷ 5 settled
    ("street", "2025"): (4, 19, 5, 22, 3, 5, 2, "100.0", "60.0"),
    # C1, C2, C4; D1, D2, D3 (23 June); settled D0, D1; closed D0, D1, D2 (5 June); L1;
    # 3 ÷ 3 closed, 2 ÷ 3 settled (66.67 → 66.7)
    ("street", "2025H1"): (3, 18, 3, 19, 2, 3, 1, "100.0", "66.7"),
    # C2; D1, D4; settled and closed D0, D1, D4 (D0 accepted in 2024: 3 closed ÷ 2 accepted)
    ("A", "2025"): (1, 2, 2, 5, 3, 3, 0, "150.0", "100.0"),
    ("A", "2025H1"): (1, 2, 1, 3, 2, 2, 0, "200.0", "100.0"),  # C2; D1; D0 and D1 settled, closed
    # C3; D3 accepted, withdrawn and closed in July; L2; nothing settled: 0 ÷ 1
    ("B", "2025"): (1, 1, 1, 1, 0, 1, 1, "100.0", "0.0"),
    # D3 accepted on 23 June, still open: 0 closed ÷ 1 accepted; no case closed: undefined
    ("B", "2025H1"): (0, 0, 1, 1, 0, 0, 0, "0.0", None),
}
MEDIATION_CELLS = ("contacts.cases", "contacts.workers", "accepted.cases", "accepted.workers",
                   "settled.cases", "closed.cases", "legal_aid.cases", "closure_rate.cases",
                   "settlement_rate.cases")  # fmt: skip


def disputes(org: Org, window: Window) -> Cells:
    """工年统6表: contacts, cases accepted, settled and closed, legal aid, and the two rates."""
    figures = MEDIATION[org, window]
    return {key: _figure(value) for key, value in zip(MEDIATION_CELLS, figures, strict=True)}


# 工年统7表 (``past_year_training``): classes by their first day, seats by their enrolment day
# (P9, never seated, none), completions and certificates by the completion day, placements by
# their day; 再就业 the laid-off seekers' placements (J1, J3).
# classes, 培训人次, 结业人次, 取证人次, 实现就业, 再就业
TRAINING: dict[tuple[Org, Window], tuple[int, int, int, int, int, int]] = {
    # T1, T2, T3; P1–P5, P7, P8; P1, P4, P5, P7, P8 completed and certified; J1–J4; J1, J3
    ("street", "2025"): (3, 7, 5, 5, 4, 2),
    # T1 (April), T2 (16 June); P1–P5; only T1's P1 completed by then (T2 on 11 July); J1, J2
    ("street", "2025H1"): (2, 5, 1, 1, 2, 1),
    ("A", "2025"): (1, 3, 1, 1, 2, 1),  # T1: P1–P3, P1 completed; J1 and J4, J1 laid off
    ("A", "2025H1"): (1, 3, 1, 1, 1, 1),  # T1 whole; J1 (J4 in August)
    ("B", "2025"): (1, 2, 2, 2, 1, 1),  # T3: P7, P8 seated and completed; J3, laid off
    ("B", "2025H1"): (0, 0, 0, 0, 0, 0),  # T3 and J3 come in the autumn
}
TRAINING_CELLS = ("classes.count", "trainees.count", "completed.count", "certified.count",
                  "placements.count", "reemployed.count")  # fmt: skip


def training(org: Org, window: Window) -> Cells:
    """工年统7表: classes, trainees, completions, certificates, placements, re-employment."""
    return dict(zip(TRAINING_CELLS, TRAINING[org, window], strict=True))


TABLES = {"organisations": organisations, "employers": employers, "members": members,
          "contracts": contracts, "hardship": hardship, "disputes": disputes,
          "training": training}  # fmt: skip


def cells(table: str, org: Org, window: Window) -> Cells:
    """Every cell of ``table`` for ``org`` read in ``window``, by cell key."""
    return TABLES[table](org, window)


Fact = tuple[str | None, str, str, Decimal | None]
"""A fact as the drill-down lists it: id (None: not compared), day, organisation, value."""


def named_facts(s: Street) -> list[tuple[str, str, Org, Window, set[Fact]]]:
    """The facts a handful of cells list: table, cell, organisation, window, the facts."""
    u, e, m, c, h = s.unions, s.employers, s.members, s.contracts, s.households
    a, b = s.community_a, s.community_b
    return [
        ("organisations", "joint.organisations", "street", "2025",
         {(u["U2"], "2025-03-01", u["U2"], None)}),
        # sums: each employer's workers, on its registration day, under its territory
        ("employers", "class_private.covered_workers", "street", "2025",
         {(e["E2"], "2025-02-01", a, Decimal(40)), (e["E3"], "2025-08-15", a, Decimal(12))}),
        ("employers", "band_5.workers", "street", "2025H1",
         {(e["E4"], "2024-06-01", b, Decimal(800))}),
        ("members", "admitted_female.people", "street", "2025",
         {(m["M2"], "2025-03-15", u["U1"], None), (m["M3"], "2025-08-20", u["U1"], None),
          (m["M5"], "2025-09-10", u["U2"], None)}),
        # M9's period at U3 begins with the transfer of 1 November
        ("members", "active.people", "B", "2025",
         {(m["M6"], "2025-10-01", u["U3"], None), (m["M9"], "2025-11-01", u["U3"], None)}),
        ("members", "left.people", "street", "2025H1", {(m["M8"], "2025-05-31", u["U0"], None)}),
        ("members", "women.unknown", "street", "2025", {(e["E3"], "2025-08-15", a, None)}),
        # a contract counts under its signing union (or community) on its signing day
        ("contracts", "regional_union.in_force_workers_covered", "street", "2025",
         {(c["C2"], "2025-09-15", a, Decimal(52)), (c["C5"], "2025-05-01", b, Decimal(808))}),
        ("contracts", "own_union.in_force_contracts", "street", "2025H1",
         {(c["C1"], "2024-07-01", u["U1"], None), (c["C4"], "2025-03-01", u["U0"], None)}),
        # a person paid is the household, dated by its first payment, under the head's union
        ("hardship", "aid.people", "street", "2025",
         {(h["H1"], "2025-05-10", u["U1"], None), (h["H2"], "2025-06-20", u["U2"], None),
          (h["H3"], "2025-08-25", u["U0"], None)}),
        # H1's April visit (E1), H3's (E6), M6's (E4, under the member's union), H2's import (E2)
        ("hardship", "visits.employers", "street", "2025",
         {(e["E1"], "2025-04-15", u["U1"], None), (e["E6"], "2025-03-20", u["U0"], None),
          (e["E4"], "2025-11-05", u["U3"], None), (e["E2"], "2025-12-20", u["U2"], None)}),
        # the half-year's payments in yuan: H1's 500 of 10 May and H2's 300 of 20 June
        ("hardship", "aid.amount", "street", "2025H1",
         {(None, "2025-05-10", u["U1"], Decimal(500)),
          (None, "2025-06-20", u["U2"], Decimal(300))}),
    ]  # fmt: skip


def named_mediation_and_training_facts(
    s: Street, m: Mediation, t: Training
) -> list[tuple[str, str, Org, Window, set[Fact]]]:
    """The facts a handful of cells of tables 6 and 7 list, as ``named_facts``."""
    street, a, b = s.street, s.community_a, s.community_b
    d, e, j = m.cases, t.enrolments, t.placements
    return [
        # each case accepted in the half-year with its workers, on its acceptance day
        ("disputes", "accepted.workers", "street", "2025H1",
         {(d["D1"], "2025-03-04", a, Decimal(3)), (d["D2"], "2025-05-13", street, Decimal(15)),
          (d["D3"], "2025-06-23", b, Decimal(1))}),
        # 贡院's closings: D0 accepted in 2024 counts in 2025; D6, declined, does not
        ("disputes", "closed.cases", "A", "2025",
         {(d["D0"], "2025-01-08", a, None), (d["D1"], "2025-03-17", a, None),
          (d["D4"], "2025-09-15", a, None)}),
        ("disputes", "legal_aid.cases", "street", "2025",
         {(m.legal_aid["L1"], "2025-05-28", street, None),
          (m.legal_aid["L2"], "2025-11-20", b, None)}),
        ("disputes", "contacts.workers", "street", "2025H1",
         {(m.contacts["C1"], "2025-02-10", street, Decimal(1)),
          (m.contacts["C2"], "2025-04-08", a, Decimal(2)),
          (m.contacts["C4"], "2025-05-12", street, Decimal(15))}),
        # a class counts on its first day, under the union that runs it
        ("training", "classes.count", "street", "2025H1",
         {(t.classes["T1"], "2025-04-07", a, None), (t.classes["T2"], "2025-06-16", street, None)}),
        # T3's two seats on their enrolment days; P9 waited and was never seated
        ("training", "trainees.count", "B", "2025",
         {(e["P7"], "2025-10-01", b, None), (e["P8"], "2025-10-02", b, None)}),
        ("training", "completed.count", "street", "2025",
         {(e["P1"], "2025-04-25", a, None), (e["P4"], "2025-07-11", street, None),
          (e["P5"], "2025-07-11", street, None), (e["P7"], "2025-10-31", b, None),
          (e["P8"], "2025-10-31", b, None)}),
        ("training", "reemployed.count", "street", "2025",
         {(j["J1"], "2025-05-25", a, None), (j["J3"], "2025-11-03", b, None)}),
    ]  # fmt: skip


def number(value: Any) -> Figure:
    """A JSON figure as the report means it: decimals come as text."""
    return Decimal(value) if isinstance(value, str) else value
