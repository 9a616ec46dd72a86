"""The demo's hardship files (建档立卡): heads who are active members, their families, levels,
causes and filing dates, a few temporary files made formal, and the files that close."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from shared.identifiers import make_id_number

from demo import names
from demo.assistance_plan import AssistancePlan, Closing, HouseholdPlan, Relative, festival_cutoff
from demo.plan import MemberPlan, Plan, add_years, random_day

MEMBERS_PER_HOUSEHOLD = 75
MIN_HOUSEHOLDS = 10
LEVELS = ("deep", "relative", "accident")
LEVEL_WEIGHTS = (30, 55, 15)
CAUSES = {
    "deep": (("illness",), ("disability",), ("illness", "low_income")),
    "relative": (("low_income",), ("unemployment",), ("unemployment", "low_income")),
    "accident": (("accident",), ("accident", "illness")),
}
"""致困原因 that go with each level (深度困难、相对困难、意外致困)."""
INCOME_YUAN = {"deep": (600, 1_100), "relative": (1_100, 1_800), "accident": (800, 1_600)}
"""家庭月人均收入 by level, in yuan (Nanjing's 低保 line is about 1,100 yuan a month)."""
ROADS = ("长乐路", "平江府路", "琵琶街", "钞库街", "大石坝街", "东牌楼", "信府河", "箍桶巷")
RETURN_NOTE = "请补充配偶身份证号码及收入证明"
ENTRANT_AGE = 18


def household_count(members: int) -> int:
    """About one household file per 75 members (40 for the default 3,000), at least 10."""
    return max(MIN_HOUSEHOLDS, round(members / MEMBERS_PER_HOUSEHOLD))


def active_members(plan: Plan) -> list[MemberPlan]:
    """Members who never moved: still active, in the union and at the employer they joined."""
    moved = {movement.member for movement in plan.movements}
    return [m for m in plan.members if m.index not in moved]


def born_on(id_number: str) -> date:
    """The birth date an ID number encodes."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def add_households(assist: AssistancePlan, plan: Plan, rng: random.Random) -> None:
    """Files for a sample of active members; half filed in January, before Spring Festival."""
    eligible = active_members(plan)
    heads = rng.sample(eligible, min(household_count(plan.size.members), len(eligible)))
    parents = [i for i, h in enumerate(heads) if born_on(h.id_number).year <= assist.year - 40]
    entrants = set(rng.sample(parents, min(len(parents), max(2, round(len(heads) / 8)))))
    others = [i for i in range(len(heads)) if i not in entrants]
    temporary = rng.sample(others, min(len(others), max(2, len(heads) // 12)))
    taken = {m.id_number for m in plan.members}
    for key, head in enumerate(heads):
        filed_on = _filing_day(assist.year, key < len(heads) // 2, key in entrants, rng)
        household = _household(key, head, filed_on, key in entrants, rng, taken)
        if key in temporary:
            household = _temporary(household, rng, formal=key != temporary[-1])
        assist.households.append(household)
    _return_one(assist)
    _close_some(assist, rng)


def _filing_day(year: int, early: bool, entrant: bool, rng: random.Random) -> date:
    if early:
        return random_day(rng, date(year, 1, 5), festival_cutoff(year))
    last = date(year, 7, 31) if entrant else date(year, 10, 31)
    return random_day(rng, date(year, 2, 10), last)


def _household(
    key: int,
    head: MemberPlan,
    filed_on: date,
    entrant: bool,
    rng: random.Random,
    taken: set[str],
) -> HouseholdPlan:
    level = rng.choices(LEVELS, weights=LEVEL_WEIGHTS)[0]
    causes = rng.choice(CAUSES[level])
    if entrant and "child_education" not in causes:
        causes = (*causes, "child_education")
    low, high = INCOME_YUAN[level]
    road = rng.choice(ROADS)
    return HouseholdPlan(
        key=key,
        head=head,
        level=level,
        causes=causes,
        income_fen=rng.randint(low, high) * 100,
        family=_family(head, entrant, filed_on.year, rng, taken),
        address=f"南京市秦淮区{road}{rng.randint(1, 180)}号{rng.randint(1, 6)}幢{rng.randint(101, 602)}室",
        filed_on=filed_on,
        university_entrant=entrant,
    )


def _family(
    head: MemberPlan, entrant: bool, year: int, rng: random.Random, taken: set[str]
) -> tuple[Relative, ...]:
    head_born = born_on(head.id_number)
    family = []
    surname = head.name[0]
    if rng.random() < 0.8:
        spouse_surname = rng.choice(names.SURNAMES)
        born = random_day(rng, add_years(head_born, -4), add_years(head_born, 3))
        family.append(_person("spouse", spouse_surname, not head.female, born, rng, taken))
        surname = spouse_surname if head.female else surname
    if entrant:
        born = random_day(rng, date(year - ENTRANT_AGE, 1, 1), date(year - ENTRANT_AGE, 8, 31))
        family.append(_person("child", surname, rng.random() < 0.5, born, rng, taken))
    elif head_born.year <= year - 24 and rng.random() < 0.7:
        born = random_day(rng, add_years(head_born, 22), date(year - 1, 12, 31))
        child = _person("child", surname, rng.random() < 0.5, born, rng, taken)
        # Children under 16 often have no ID card yet: the file leaves the number out.
        family.append(child if born.year <= year - 16 else replace(child, id_number=None))
    if rng.random() < 0.25:
        born = random_day(rng, add_years(head_born, -32), add_years(head_born, -24))
        family.append(_person("parent", head.name[0], rng.random() < 0.5, born, rng, taken))
    return tuple(family)


def _person(
    relation: str, surname: str, female: bool, born: date, rng: random.Random, taken: set[str]
) -> Relative:
    given = names.FEMALE_GIVEN if female else names.MALE_GIVEN
    name = surname + "".join(rng.choices(given, k=rng.choice((1, 2))))
    while True:
        region = rng.choice(names.LOCAL_REGIONS)
        number = make_id_number(region, born, rng.randint(0, 99), "female" if female else "male")
        if number not in taken:
            taken.add(number)
            return Relative(relation, name, number)


def _temporary(household: HouseholdPlan, rng: random.Random, *, formal: bool) -> HouseholdPlan:
    """A 临时救助 file after an accident; all but the last are made formal a month or two on."""
    formalised_on = household.filed_on + timedelta(days=rng.randint(30, 75)) if formal else None
    return replace(
        household,
        level="accident",
        causes=rng.choice(CAUSES["accident"]),
        temporary=True,
        formalised_on=formalised_on,
    )


def _return_one(assist: AssistancePlan) -> None:
    """One file goes back for the spouse's ID number before it is filed (退回补充)."""
    for i, household in enumerate(assist.households):
        spouse = next((r for r in household.family if r.relation == "spouse"), None)
        if spouse is not None and not household.temporary:
            assist.households[i] = replace(household, returned_note=RETURN_NOTE)
            return


def _close_some(assist: AssistancePlan, rng: random.Random) -> None:
    """3–4 exits (解困脱困) and one cancellation in September–October, of files from spring."""
    spring = date(assist.year, 6, 1)
    candidates = [
        h
        for h in assist.households
        if h.filed_on < spring and not h.temporary and not h.university_entrant
    ]
    rng.shuffle(candidates)
    exits = max(1, round(len(assist.households) / 11))
    autumn = (date(assist.year, 9, 1), date(assist.year, 10, 31))
    for number, household in enumerate(candidates[: exits + 1]):
        if number < exits:
            reason = "reemployed" if "unemployment" in household.causes else "income_improved"
            closing = Closing("exit", reason, random_day(rng, *autumn))
        else:
            closing = Closing("cancel", "moved_away", random_day(rng, *autumn))
        assist.households[household.key] = replace(household, closing=closing)
