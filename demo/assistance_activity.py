"""The aid of the demo year: Spring Festival, summer and 金秋助学 batches with their visits,
hospital visits, and the applications taken through the approval chain today."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.assistance_plan import (
    FESTIVAL_GIFT_FEN,
    STUDENT_GRANT_FEN,
    SUMMER_RELIEF_FEN,
    YUAN,
    ApplicationPlan,
    AssistancePlan,
    BatchPlan,
    HouseholdPlan,
    VisitPlan,
    festival_cutoff,
    festival_paid_on,
)
from demo.plan import random_day

SICK_CAUSES = frozenset({"illness", "accident", "disability"})
APPLICATIONS = (
    ("medical_aid", 12_000, 8_000, None, "住院手术，医保报销后自付部分较多"),
    ("medical_aid", 8_000, 6_000, None, "慢性病长期用药，家庭负担重"),
    ("emergency_relief", 3_000, 3_000, None, "家中突发火灾，急需生活用品"),
    ("emergency_relief", 5_000, None, "insufficient_documents", "突发疾病住院，家庭一时无力负担"),
)
"""Programme, requested and approved yuan, the reason of a rejection at review, circumstances."""


def add_activity(assist: AssistancePlan, rng: random.Random) -> None:
    """Batches with their visits in date order, hospital visits, then today's applications."""
    _festival(assist, rng)
    _summer(assist)
    _student_aid(assist, rng)
    _hospital_visits(assist, rng)
    _applications(assist)


def _festival(assist: AssistancePlan, rng: random.Random) -> None:
    """送温暖: 500 yuan to each household filed by the end of January, and a visit that week."""
    year = assist.year
    listed = [h for h in assist.households if h.filed_on <= festival_cutoff(year)]
    paid_on = festival_paid_on(year)
    _batch(assist, "festival_consolation", FESTIVAL_GIFT_FEN, "cash", paid_on, listed)
    for household in listed:
        first = max(household.filed_on, paid_on - timedelta(days=3))
        visited_on = random_day(rng, first, paid_on + timedelta(days=3))
        note = "春节前走访慰问，送上慰问金和米、油等年货"
        assist.visits.append(VisitPlan(household.key, "festival", visited_on, note))


def _summer(assist: AssistancePlan) -> None:
    """夏送清凉: goods worth 300 yuan in July to the households in deep hardship."""
    first_of_july = date(assist.year, 7, 1)
    listed = [h for h in assist.households if h.level == "deep" and h.filed_on < first_of_july]
    paid_on = date(assist.year, 7, 15)
    _batch(assist, "summer_relief", SUMMER_RELIEF_FEN, "in_kind", paid_on, listed)


def _student_aid(assist: AssistancePlan, rng: random.Random) -> None:
    """金秋助学: 2,000 yuan to each household whose child enters university, and a visit."""
    listed = [h for h in assist.households if h.university_entrant]
    paid_on = date(assist.year, 8, 28)
    _batch(assist, "student_aid", STUDENT_GRANT_FEN, "bank_transfer", paid_on, listed)
    for household in listed:
        visited_on = random_day(rng, date(assist.year, 8, 20), date(assist.year, 9, 6))
        note = "子女考入大学，上门祝贺并送去金秋助学金"
        assist.visits.append(VisitPlan(household.key, "university_entry", visited_on, note))


def _batch(
    assist: AssistancePlan,
    programme: str,
    amount_fen: int,
    method: str,
    paid_on: date,
    listed: list[HouseholdPlan],
) -> None:
    if listed:
        keys = tuple(h.key for h in listed)
        assist.batches.append(BatchPlan(programme, amount_fen, method, paid_on, keys))


def _staying(assist: AssistancePlan) -> list[HouseholdPlan]:
    """Files that stay open all year, earliest filed first."""
    return sorted((h for h in assist.households if h.closing is None), key=lambda h: h.filed_on)


def _hospital_visits(assist: AssistancePlan, rng: random.Random) -> None:
    """住院慰问 of a handful of households, sick ones first, some time after their filing."""
    count = max(2, len(assist.households) // 8)
    sick_first = sorted(_staying(assist), key=lambda h: not SICK_CAUSES.intersection(h.causes))
    for household in sick_first[:count]:
        first = household.filed_on + timedelta(days=7)
        visited_on = random_day(rng, first, max(first, date(assist.year, 10, 31)))
        note = "住院期间走访慰问，了解治疗和医保报销情况"
        assist.visits.append(VisitPlan(household.key, "hospital", visited_on, note))


def _applications(assist: AssistancePlan) -> None:
    """Four applications of the earliest-filed open files; medical ones for the sick."""
    chosen = _staying(assist)[: len(APPLICATIONS)]
    chosen.sort(key=lambda h: not SICK_CAUSES.intersection(h.causes))
    for household, (programme, requested, approved, reason, note) in zip(
        chosen, APPLICATIONS, strict=False
    ):
        assist.applications.append(
            ApplicationPlan(
                household=household.key,
                programme=programme,
                requested_fen=requested * YUAN,
                approved_fen=approved * YUAN if approved is not None else None,
                rejection_reason=reason,
                note=note,
            )
        )
