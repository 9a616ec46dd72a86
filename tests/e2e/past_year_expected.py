"""Every figure the street's 2025 must give, worked out by hand from the scenario's story.

Nothing here is computed: each number is written down with the reason for it, from the rows of
``past_year_street`` and ``past_year_aid``. Windows: ``2025`` (stocks on 2025-12-31, flows over
the year) and ``2025H1`` (stocks on 2025-06-30, flows January to June). Organisations:
``street`` (含下级), the communities ``A`` (贡院) and ``B`` (白鹭洲), and ``self``, the
street's 本级 (only what is recorded at the street itself: E6's territory and H4's file; U0,
the street's 机关 union, is a child of the street, so its members, contracts and files count
in ``street`` but neither in a community nor in 本级).

Employers on 2025-12-31: E1 国有 300 (women 120, migrants 30), E2 私营 40 (15, 20), E3 私营
12 (unknown, unknown), E4 外资 1,200 (500, 150: the July census), E5 社会团体 8 (5, 0),
E6 有限责任 60 (20, 10); covered: all but E5. On 2025-06-30: no E3 yet (registered 15
August), E4 at 800 (400, 100) and not yet covered (U3 founded 1 September).
"""

from __future__ import annotations

Window = str
Org = str

# employers, workers, women, women unknown, migrants, migrants unknown, covered, 建会率,
# members, retained, 入会率
STOCK: dict[
    tuple[Org, Window], tuple[int, int, int, int, int, int, int, str | None, int, int, str | None]
] = {
    # all six; 300+40+12+1200+8+60; E3 unknown; 5/6; M1-M7 and M9 less M8 (left); 8/1620
    ("street", "2025"): (6, 1620, 660, 1, 210, 1, 5, "83.3", 8, 0, "0.5"),
    # E1-E3; M1, M2, M3 (U1) and M4, M5 (U2), M9 gone to B; 5/352 = 1.42
    ("A", "2025"): (3, 352, 135, 1, 50, 1, 3, "100.0", 5, 0, "1.4"),
    # E4, E5, E4 covered; M6 and M9 (transferred in November); 2/1208 = 0.17
    ("B", "2025"): (2, 1208, 505, 0, 150, 0, 1, "50.0", 2, 0, "0.2"),
    # E6 alone (its territory is the street); U0's members are in a child; 0/60
    ("self", "2025"): (1, 60, 20, 0, 10, 0, 1, "100.0", 0, 0, "0.0"),
    # no E3, E4 at 800 and uncovered: 3/5; M1, M2, M9, M4, M7 (M8 left 31 May): 5/1208
    ("street", "2025H1"): (5, 1208, 560, 0, 160, 0, 3, "60.0", 5, 0, "0.4"),
    # E1, E2 (U2 covers it from 1 March); M1, M2, M9, M4: 4/340 = 1.18
    ("A", "2025H1"): (2, 340, 135, 0, 50, 0, 2, "100.0", 4, 0, "1.2"),
    # E4 (800, uncovered) and E5; no union yet, no member: 0/2 and 0/808 (defined, 0.0)
    ("B", "2025H1"): (2, 808, 405, 0, 100, 0, 0, "0.0", 0, 0, "0.0"),
    ("self", "2025H1"): (1, 60, 20, 0, 10, 0, 1, "100.0", 0, 0, "0.0"),
}

# unions founded, admitted, of whom migrant, women, transfers in, out, left
FLOWS: dict[tuple[Org, Window], tuple[int, int, int, int, int, int, int]] = {
    # U2 (March), U3 (September); M2, M3, M4, M5, M6, M8; migrants M2, M4, M5, M8; women
    # M2, M3, M5; M9's transfer stays inside the street; M8 left
    ("street", "2025"): (2, 6, 4, 3, 0, 0, 1),
    # U2; M2, M3, M4, M5; migrants M2, M4, M5; women M2, M3, M5; M9 out to B
    ("A", "2025"): (1, 4, 3, 3, 0, 1, 0),
    # U3; M6 (urban man); M9 in
    ("B", "2025"): (1, 1, 0, 0, 1, 0, 0),
    # nothing is recorded at the street itself: U0 and its M8 are a child's
    ("self", "2025"): (0, 0, 0, 0, 0, 0, 0),
    # U2; M2 (March), M4 (April), M8 (February), all migrants, M2 a woman; M8 left in May
    ("street", "2025H1"): (1, 3, 3, 1, 0, 0, 1),
    ("A", "2025H1"): (1, 2, 2, 1, 0, 0, 0),
    ("B", "2025H1"): (0, 0, 0, 0, 0, 0, 0),
    ("self", "2025H1"): (0, 0, 0, 0, 0, 0, 0),
}

NO_CONTRACT = (0, 0, 0, 0)
# per kind: in force on the stock date, employers and workers they cover, signed in the period
CONTRACTS_BY_KIND: dict[tuple[Org, Window], dict[str, tuple[int, int, int, int]]] = {
    # comprehensive C1 (E1, 300, 2024) and C2 (E2+E3, 52, September 2025); wage C4 (E6, 60,
    # March 2025; C3 ended 28 Feb); women C5 (E4+E5, 808, May 2025)
    ("street", "2025"): {
        "comprehensive": (2, 3, 352, 1),
        "wage": (1, 1, 60, 1),
        "women": (1, 2, 808, 1),
    },
    ("A", "2025"): {"comprehensive": (2, 3, 352, 1), "wage": NO_CONTRACT, "women": NO_CONTRACT},
    ("B", "2025"): {"comprehensive": NO_CONTRACT, "wage": NO_CONTRACT, "women": (1, 2, 808, 1)},
    ("self", "2025"): {"comprehensive": NO_CONTRACT, "wage": NO_CONTRACT, "women": NO_CONTRACT},
    # C2 not yet signed; C1 signed in 2024 is in force but not signed in the half-year
    ("street", "2025H1"): {
        "comprehensive": (1, 1, 300, 0),
        "wage": (1, 1, 60, 1),
        "women": (1, 2, 808, 1),
    },
    ("A", "2025H1"): {
        "comprehensive": (1, 1, 300, 0),
        "wage": NO_CONTRACT,
        "women": NO_CONTRACT,
    },
    ("B", "2025H1"): {
        "comprehensive": NO_CONTRACT,
        "wage": NO_CONTRACT,
        "women": (1, 2, 808, 1),
    },
    ("self", "2025H1"): {
        "comprehensive": NO_CONTRACT,
        "wage": NO_CONTRACT,
        "women": NO_CONTRACT,
    },
}

# organisations existing: total, non-zero kinds, single, joint
ORGANISATIONS: dict[tuple[Org, Window], tuple[int, dict[str, int], int, int]] = {
    # the street, A, B, U0, U1, U2, U3; U2 is the joint one
    ("street", "2025"): (
        7,
        {"street_federation": 1, "community_federation": 2, "grassroots_union": 4},
        3,
        1,
    ),
    ("A", "2025"): (3, {"community_federation": 1, "grassroots_union": 2}, 1, 1),
    ("B", "2025"): (2, {"community_federation": 1, "grassroots_union": 1}, 1, 0),
    # U3 is founded on 1 September
    ("street", "2025H1"): (
        6,
        {"street_federation": 1, "community_federation": 2, "grassroots_union": 3},
        2,
        1,
    ),
    ("A", "2025H1"): (3, {"community_federation": 1, "grassroots_union": 2}, 1, 1),
    ("B", "2025H1"): (1, {"community_federation": 1}, 0, 0),
    # 本级: the street alone (U0 is its child, a grassroots union of its own)
    ("self", "2025"): (1, {"street_federation": 1}, 0, 0),
    ("self", "2025H1"): (1, {"street_federation": 1}, 0, 0),
}


def committee(count: int, members: int, roles: tuple[int, int, int], women: int,
              recorded: int) -> dict[str, object]:  # fmt: skip
    """Committees in office; roles are chair, vice chair and member (no audit or women seat)."""
    by_role = dict(zip(("chair", "vice_chair", "member"), roles, strict=True))
    return {"committees": count, "members": members,
            "by_role": {**by_role, "audit": 0, "women": 0},
            "women": women, "sex_recorded": recorded, "full_time": 0}  # fmt: skip


U1_COMMITTEE = committee(1, 3, (1, 1, 1), 2, 3)  # 2024-2029: man chair, two women
COMMITTEES: dict[tuple[Org, Window], dict[str, object]] = {
    # U1's and U3's (October: a woman chair, a man, one sex not recorded)
    ("street", "2025"): committee(2, 6, (2, 1, 3), 3, 5),
    ("A", "2025"): U1_COMMITTEE,
    ("B", "2025"): committee(1, 3, (1, 0, 2), 1, 2),
    ("street", "2025H1"): U1_COMMITTEE,
    ("A", "2025H1"): U1_COMMITTEE,
    ("B", "2025H1"): committee(0, 0, (0, 0, 0), 0, 0),
    # only U1 and U3 elect committees; the street itself has none on record
    ("self", "2025"): committee(0, 0, (0, 0, 0), 0, 0),
    ("self", "2025H1"): committee(0, 0, (0, 0, 0), 0, 0),
}

NONE = (0, 0, 0)
# per signing party: contracts, employers covered, workers covered (industry_union: none)
BY_PARTY_IN_FORCE: dict[tuple[Org, Window], dict[str, tuple[int, int, int]]] = {
    # own: C1 (E1 300) and C4 (E6 60); regional: C2 (E2+E3 52) and C5 (E4+E5 808)
    ("street", "2025"): {"own_union": (2, 2, 360), "regional_union": (2, 4, 860)},
    ("A", "2025"): {"own_union": (1, 1, 300), "regional_union": (1, 2, 52)},
    ("B", "2025"): {"own_union": NONE, "regional_union": (1, 2, 808)},
    ("street", "2025H1"): {"own_union": (2, 2, 360), "regional_union": (1, 2, 808)},
    ("A", "2025H1"): {"own_union": (1, 1, 300), "regional_union": NONE},
    ("B", "2025H1"): {"own_union": NONE, "regional_union": (1, 2, 808)},
    # the signers are U1, A, U0 and B: the street itself signed none (C3 and C4 are U0's)
    ("self", "2025"): {"own_union": NONE, "regional_union": NONE},
    ("self", "2025H1"): {"own_union": NONE, "regional_union": NONE},
}
BY_PARTY_SIGNED: dict[tuple[Org, Window], dict[str, tuple[int, int, int]]] = {
    # 2025: C4 (own), C2 and C5 (regional); C1 and C3 were signed in 2024
    ("street", "2025"): {"own_union": (1, 1, 60), "regional_union": (2, 4, 860)},
    ("A", "2025"): {"own_union": NONE, "regional_union": (1, 2, 52)},
    ("B", "2025"): {"own_union": NONE, "regional_union": (1, 2, 808)},
    # the half-year: C4 (March) and C5 (May)
    ("street", "2025H1"): {"own_union": (1, 1, 60), "regional_union": (1, 2, 808)},
    ("A", "2025H1"): {"own_union": NONE, "regional_union": NONE},
    ("B", "2025H1"): {"own_union": NONE, "regional_union": (1, 2, 808)},
    ("self", "2025"): {"own_union": NONE, "regional_union": NONE},
    ("self", "2025H1"): {"own_union": NONE, "regional_union": NONE},
}

# per non-empty group: employers, workers, covered employers, covered workers, 建会率
CLASSES: dict[tuple[Org, Window], dict[str, tuple[int, int, int, int, str | None]]] = {
    ("street", "2025"): {
        "state": (1, 300, 1, 300, "100.0"),  # E1 (110)
        "private": (2, 52, 2, 52, "100.0"),  # E2 (173) 40 and E3 (171) 12, both under U2
        "foreign": (1, 1200, 1, 1200, "100.0"),  # E4 (310), covered since September
        "social_organisation": (1, 8, 0, 0, "0.0"),  # E5 (社会团体), never covered
        "limited_liability": (1, 60, 1, 60, "100.0"),  # E6 (159)
    },
    ("street", "2025H1"): {
        "state": (1, 300, 1, 300, "100.0"),
        "private": (1, 40, 1, 40, "100.0"),  # E3 not registered yet
        "foreign": (1, 800, 0, 0, "0.0"),  # the first census, no union yet
        "social_organisation": (1, 8, 0, 0, "0.0"),
        "limited_liability": (1, 60, 1, 60, "100.0"),
    },
    ("A", "2025"): {"state": (1, 300, 1, 300, "100.0"), "private": (2, 52, 2, 52, "100.0")},
    ("B", "2025"): {
        "foreign": (1, 1200, 1, 1200, "100.0"),
        "social_organisation": (1, 8, 0, 0, "0.0"),
    },
    ("A", "2025H1"): {"state": (1, 300, 1, 300, "100.0"), "private": (1, 40, 1, 40, "100.0")},
    ("B", "2025H1"): {
        "foreign": (1, 800, 0, 0, "0.0"),
        "social_organisation": (1, 8, 0, 0, "0.0"),
    },
    # 本级: E6 alone, the one employer whose territory is the street (159, covered by U0 since
    # September 2024), at both dates
    ("self", "2025"): {"limited_liability": (1, 60, 1, 60, "100.0")},
    ("self", "2025H1"): {"limited_liability": (1, 60, 1, 60, "100.0")},
}
# bands by index of SIZE_BANDS (25,50,100,200,500,1000): 0 <25, 1 25–49, 2 50–99, 4 200–499,
# 5 500–999, 6 ≥1000
SIZES: dict[tuple[Org, Window], dict[str, tuple[int, int, int, int, str | None]]] = {
    ("street", "2025"): {
        "0": (2, 20, 1, 12, "50.0"),  # E3 (12, covered) and E5 (8)
        "1": (1, 40, 1, 40, "100.0"),  # E2
        "2": (1, 60, 1, 60, "100.0"),  # E6
        "4": (1, 300, 1, 300, "100.0"),  # E1
        "6": (1, 1200, 1, 1200, "100.0"),  # E4 after its July census
    },
    ("street", "2025H1"): {
        "0": (1, 8, 0, 0, "0.0"),  # E5 only
        "1": (1, 40, 1, 40, "100.0"),
        "2": (1, 60, 1, 60, "100.0"),
        "4": (1, 300, 1, 300, "100.0"),
        "5": (1, 800, 0, 0, "0.0"),  # E4's first census
    },
}
# enterprises only (E5, a 社会团体, is not one): employers, covered, 建会率; then all employers
ENTERPRISES: dict[Window, tuple[int, int, str, int, str]] = {
    "2025": (5, 5, "100.0", 6, "83.3"),
    "2025H1": (4, 3, "75.0", 5, "60.0"),  # E1, E2, E4 (uncovered), E6
}

# on file, deep, relative, accident, temporary; filed, exited, cancelled in the period
HOUSEHOLDS: dict[tuple[Org, Window], tuple[int, int, int, int, int, int, int, int]] = {
    # H1 deep (April), H2 relative (May), H3 accident (March, U0), H4 relative (February, 本级),
    # H5 accident (imported, filed at 白鹭洲 on 15 November)
    ("street", "2025"): (5, 1, 2, 2, 0, 5, 0, 0),
    ("A", "2025"): (2, 1, 1, 0, 0, 2, 0, 0),  # H1 (U1), H2 (U2)
    ("B", "2025"): (1, 0, 0, 1, 0, 1, 0, 0),  # H5
    ("self", "2025"): (1, 0, 1, 0, 0, 1, 0, 0),  # H4
    ("street", "2025H1"): (4, 1, 2, 1, 0, 4, 0, 0),  # H1-H4, all filed by 1 May; H5 not yet
    ("A", "2025H1"): (2, 1, 1, 0, 0, 2, 0, 0),
    ("B", "2025H1"): (0, 0, 0, 0, 0, 0, 0, 0),
    ("self", "2025H1"): (1, 0, 1, 0, 0, 1, 0, 0),
}
# 帮扶人次, 人数, 涉及企业, amount (fen)
AID: dict[tuple[Org, Window], tuple[int, int, int, int]] = {
    # H1 50,000 (10 May) and 20,000 (10 Sept), H2 30,000 (20 June), H3 40,000 (25 Aug), and
    # the festival batch's 10,000 to each of H1, H2, H3 (25 Dec): 7 人次 to 3 households, so
    # H1 is paid three times; employers E1, E2, E6
    ("street", "2025"): (7, 3, 3, 170_000),
    ("A", "2025"): (5, 2, 2, 120_000),  # H1 three times, H2 twice
    ("B", "2025"): (0, 0, 0, 0),
    ("self", "2025"): (0, 0, 0, 0),  # H3 is U0's; H4 was paid nothing (not in the batch)
    ("street", "2025H1"): (2, 2, 2, 80_000),  # H1's May and H2's June payments
    ("A", "2025H1"): (2, 2, 2, 80_000),
    ("B", "2025H1"): (0, 0, 0, 0),
    ("self", "2025H1"): (0, 0, 0, 0),
}
# per programme: 人次, amount (fen)
PROGRAMMES: dict[tuple[Org, Window], dict[str, tuple[int, int]]] = {
    ("street", "2025"): {
        "medical_aid": (2, 80_000),
        "emergency_relief": (2, 60_000),
        "festival_consolation": (3, 30_000),
    },
    ("A", "2025"): {
        "medical_aid": (2, 80_000),
        "emergency_relief": (1, 20_000),
        "festival_consolation": (2, 20_000),
    },
    ("street", "2025H1"): {
        "medical_aid": (2, 80_000),
        "emergency_relief": (0, 0),
        "festival_consolation": (0, 0),
    },
}
# 走访人次, 走访人数, households visited, 涉及企业
VISITS: dict[tuple[Org, Window], tuple[int, int, int, int]] = {
    # H1 15 Apr and 1 Oct (E1), H3 20 Mar (E6), H4 5 Jul (no employer), M6 5 Nov (E4, no
    # file), H2 20 Dec (E2, the imported row): people H1, H2, H3, H4, M6
    ("street", "2025"): (6, 5, 4, 4),
    ("A", "2025"): (3, 2, 2, 2),  # H1 twice, H2
    ("B", "2025"): (1, 1, 0, 1),  # M6, a member without a file
    ("self", "2025"): (1, 1, 1, 0),  # H4, whose head is no member and names no employer
    ("street", "2025H1"): (2, 2, 2, 2),  # H1 in April, H3 in March
    ("A", "2025H1"): (1, 1, 1, 1),
    ("B", "2025H1"): (0, 0, 0, 0),
    ("self", "2025H1"): (0, 0, 0, 0),
}
