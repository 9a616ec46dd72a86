"""A year of the street's training and employment work, planned from the membership plan.

Classes every month or so of the year up to today (skills, re-employment, safety, women's,
union cadres …), each filled from the street's members and some non-members (enrolled in the
fortnight before the class starts, within the class's own month), with attendance for every
session held (dated the session's day) and completion for the classes that have ended (dated
their last day); a spring job fair (春风行动) with employers,
positions, registered seekers and a head count; postings; placements through the fair, a
posting or otherwise, with their follow-ups when due.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from shared.identifiers import make_id_number

from demo.plan import MemberPlan, Plan

COURSES = (
    ("电工上岗证培训", "skills", ("laid_off", "migrant")),
    ("育婴员培训", "reemployment", ("laid_off", "women")),
    ("安全生产知识培训", "safety", ("all",)),
    ("叉车司机培训", "skills", ("migrant",)),
    ("劳动法律知识讲座", "legal", ("all",)),
    ("基层工会主席培训", "union_cadre", ("all",)),
    ("家政服务员培训", "reemployment", ("laid_off", "hardship")),
    ("女职工权益保护培训", "women", ("women",)),
    ("电脑操作培训", "skills", ("laid_off", "graduate")),
    ("会计实务培训", "pre_job", ("graduate",)),
)
MARKS = ("present",) * 8 + ("late", "excused", "absent")
ENROLMENT_DAYS = 14
"""Enrolment opens this many days before a class starts (but not before its month begins)."""
SESSION_EVERY_DAYS = 3
"""A class meets every third day from its first."""


@dataclass(frozen=True)
class Person:
    """Someone the service serves: a member of the plan or a non-member."""

    name: str
    id_number: str
    phone: str
    member: MemberPlan | None = None


@dataclass
class ClassPlan:
    title: str
    kind: str
    target_groups: tuple[str, ...]
    starts_on: date
    ends_on: date
    sessions: int
    capacity: int
    people: list[Person]
    marks: list[list[str]] = field(default_factory=list)
    """Per session held, the mark of each person in order (seated ones only)."""
    completes: bool = False
    assessment_required: bool = False

    def enrolment_days(self, today: date) -> list[date]:
        """Each person's 报名 date, in order: spread over the days before the class starts, from
        a fortnight before but not before the first of its month, so each seat counts in the
        month, quarter and year of its class (a January class's seats not in the year before);
        never after today."""
        first = max(self.starts_on - timedelta(days=ENROLMENT_DAYS), self.starts_on.replace(day=1))
        span, n = (self.starts_on - first).days + 1, len(self.people)
        return [min(first + timedelta(days=k * span // n), today) for k in range(n)]

    def session_days(self) -> list[date]:
        """The day of each session held (one per row of ``marks``), the first on the start."""
        return [
            self.starts_on + timedelta(days=k * SESSION_EVERY_DAYS) for k in range(len(self.marks))
        ]


@dataclass
class TrainingPlan:
    year: int
    today: date
    classes: list[ClassPlan]
    fair_on: date
    seekers: list[tuple[Person, str]]
    walk_in_count: int
    placements: list[tuple[int, str, date]]
    """(seeker index, channel, placed on)."""

    def registered_on(self, index: int) -> date:
        """The day seeker ``index`` registered: by the fair (where the first registered), and
        never after their placement nor today, since a placement may not precede it."""
        placed = [day for i, _, day in self.placements if i == index]
        return min([self.fair_on, self.today, *placed])


def _non_member(rng: random.Random, n: int) -> Person:
    born = date(1970, 1, 1) + timedelta(days=rng.randint(0, 12_000))
    name = (
        rng.choice("王李张刘陈杨黄赵吴周") + rng.choice("建秀桂玉春海") + rng.choice("华英兰明芳军")
    )
    number = make_id_number("320106", born, n % 100, "female" if n % 2 else "male")
    return Person(name, number, f"137{rng.randint(10_000_000, 99_999_999)}")


def _member(m: MemberPlan) -> Person:
    return Person(m.name, m.id_number, m.mobile, m)


def build_training_plan(plan: Plan, today: date, seed: int = 7) -> TrainingPlan:
    """The year's classes, fair, seekers and placements; deterministic for a seed."""
    rng = random.Random(seed)
    moved = {m.member for m in plan.movements}
    members = [_member(m) for m in plan.members if m.index not in moved and m.joined_on < today]
    rng.shuffle(members)
    outsiders = [_non_member(rng, n) for n in range(120)]
    classes = _classes(rng, today, members[:200], outsiders[:60])
    seekers = [(p, "laid_off") for p in members[200:215]]
    seekers += [(p, rng.choice(("migrant", "graduate", "hardship"))) for p in outsiders[60:90]]
    fair_on = min(date(today.year, 2, 20), today)  # a placement at the fair is not before it
    placements = [(i, "fair", fair_on + timedelta(days=rng.randint(3, 20))) for i in range(0, 12)]
    placements += [
        (i, "posting", fair_on + timedelta(days=rng.randint(30, 120))) for i in range(12, 18)
    ]
    placements += [(i, "other", today - timedelta(days=rng.randint(5, 60))) for i in range(18, 22)]
    placements = [(i, c, min(d, today)) for i, c, d in placements]
    return TrainingPlan(today.year, today, classes, fair_on, seekers, 35, placements)


def _classes(
    rng: random.Random, today: date, members: list[Person], outsiders: list[Person]
) -> list[ClassPlan]:
    made: list[ClassPlan] = []
    pool = members + outsiders
    for month in range(1, 13):
        starts_on = date(today.year, month, rng.randint(3, 12))
        if starts_on > today:
            break
        title, kind, groups = COURSES[(month - 1) % len(COURSES)]
        sessions = rng.randint(4, 8)
        ends_on = starts_on + timedelta(days=sessions * SESSION_EVERY_DAYS)
        capacity = rng.randint(20, 30)
        people = rng.sample(pool, capacity + rng.randint(0, 4))  # a few wait
        made.append(
            ClassPlan(
                f"{title}第{month}期", kind, groups, starts_on, ends_on, sessions, capacity,
                people, completes=ends_on < today, assessment_required=kind == "skills",
            )
        )  # fmt: skip
    for plan in made:
        held = (
            plan.sessions
            if plan.completes
            else max(0, min(plan.sessions, (today - plan.starts_on).days // SESSION_EVERY_DAYS))
        )
        seated = min(plan.capacity, len(plan.people))
        plan.marks = [[rng.choice(MARKS) for _ in range(seated)] for _ in range(held)]
    return made
