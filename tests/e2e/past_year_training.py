"""The street's 2025 training and employment, entered in December 2026 through training's API.

Three classes, each with its enrolment forms, sign-in sheets and completion on their own 2025
days (the completion rule: every session attended):

- T1 贡院, 2 sessions, 7–25 April: P1, P2, P3 enrolled in March; P1 attended both, P2 one,
  P3 none; completed 25 April: P1 alone 结业 with a certificate
- T2 the street itself, 1 session, 16 June – 11 July: P4 and P5 enrolled in June, both
  present on 16 June; completed 11 July: both 结业 with certificates
- T3 白鹭洲, 1 session, capacity 2, 13–31 October: P7 and P8 seated, P9 on the waiting list
  (never seated, so no 培训人次); both present; completed 31 October: both 结业

A job fair at the street on 20 May; four seekers registered on their 2025 days (two at the
fair) and placed later: J1 (贡院, 下岗失业, at the fair, 25 May), J2 (the street, 农民工, at the
fair, 10 June), J4 (贡院, 高校毕业生, registered 1 July, placed 18 August), J3 (白鹭洲, 下岗失业,
registered 20 October, placed 3 November). 再就业: J1 and J3, the laid-off.
The figures they give are written by hand in ``past_year_annual_expected``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from shared.identifiers import make_id_number

from .past_year_mediation import created, step
from .past_year_street import Street


@dataclass
class Training:
    """The ids the assertions need, by the names the scenario gives them."""

    classes: dict[str, str] = field(default_factory=dict)
    enrolments: dict[str, str] = field(default_factory=dict)
    placements: dict[str, str] = field(default_factory=dict)


def person(key: str) -> dict[str, Any]:
    """P1 … P9 and the seekers' people (S1 …): a name and a valid ID number of their own."""
    n = int(key[1:]) + (0 if key[0] == "P" else 20)
    return {"name": f"学员{'甲乙丙丁戊己庚辛壬癸'[n % 10]}{'子丑寅'[n // 10]}",
            "id_number": make_id_number("320104", date(1990, 1, 1 + n), n, "female")}  # fmt: skip


# key, where, capacity, starts, ends, sessions, (person, enrolled on), sessions' days and who was
# present at each, completed on
CLASSES: tuple[tuple[str, str, int, str, str, tuple[tuple[str, str], ...],
                     tuple[tuple[str, tuple[str, ...]], ...], str], ...] = (
    ("T1", "A", 20, "2025-04-07", "2025-04-25",
     (("P1", "2025-03-20"), ("P2", "2025-03-24"), ("P3", "2025-03-25")),
     (("2025-04-07", ("P1", "P2")), ("2025-04-14", ("P1",))), "2025-04-25"),
    ("T2", "S", 20, "2025-06-16", "2025-07-11",
     (("P4", "2025-06-10"), ("P5", "2025-06-12")),
     (("2025-06-16", ("P4", "P5")),), "2025-07-11"),
    ("T3", "B", 2, "2025-10-13", "2025-10-31",
     (("P7", "2025-10-01"), ("P8", "2025-10-02"), ("P9", "2025-10-03")),
     (("2025-10-13", ("P7", "P8")),), "2025-10-31"),
)  # fmt: skip

# key, where, seeker status, registered on, employer, channel (fair: the fair of 20 May),
# placed on
PLACEMENTS = (("J1", "A", "laid_off", "2025-05-20", "E1", "fair", "2025-05-25"),
              ("J2", "S", "migrant", "2025-05-20", "E6", "fair", "2025-06-10"),
              ("J4", "A", "graduate", "2025-07-01", "E2", "other", "2025-08-18"),
              ("J3", "B", "laid_off", "2025-10-20", "E4", "other", "2025-11-03"))  # fmt: skip


class TrainingPlanter:
    """Enters the classes with their seats, sheets and completion, the fair and placements."""

    def __init__(self, client: httpx.AsyncClient, street: Street) -> None:
        self.client, self.street, self.made = client, street, Training()
        self.orgs = {"S": street.street, "A": street.community_a, "B": street.community_b}

    async def plant(self) -> Training:
        for plan in CLASSES:
            await self._class(*plan)
        fair = {"org_id": self.orgs["S"], "title": "2025年春风行动专场招聘会", "venue": "夫子庙广场",
                "held_on": "2025-05-20"}  # fmt: skip
        fair_id = (await created(self.client, "/api/v1/fairs", fair))["id"]
        for placement in PLACEMENTS:
            await self._placement(fair_id, *placement)
        return self.made

    async def _class(self, key: str, where: str, capacity: int, starts: str, ends: str,
                     seats: tuple[tuple[str, str], ...],
                     sessions: tuple[tuple[str, tuple[str, ...]], ...], done: str) -> None:  # fmt: skip
        body = {"org_id": self.orgs[where], "title": f"夫子庙职工技能培训{key}期", "kind": "skills",
                "provider": "市职工技能培训中心", "venue": "夫子庙职工学校", "starts_on": starts,
                "ends_on": ends, "sessions_planned": len(sessions), "capacity": capacity,
                "target_groups": ["laid_off", "migrant"], "min_attendance_percent": 100}  # fmt: skip
        class_id = (await created(self.client, "/api/v1/classes", body))["id"]
        self.made.classes[key] = class_id
        for who, on in seats:
            seat = await step(self.client, f"/api/v1/classes/{class_id}/enrolments",
                              {"person": person(who), "enrolled_on": on})  # fmt: skip
            self.made.enrolments[who] = seat["id"]
        seated = [who for who, _ in seats][:capacity]
        for number, (on, present) in enumerate(sessions, start=1):
            marks = [{"enrolment_id": self.made.enrolments[who],
                      "mark": "present" if who in present else "absent"} for who in seated]  # fmt: skip
            taken = await self.client.put(
                f"/api/v1/classes/{class_id}/sessions/{number}/attendance",
                json={"marks": marks, "taken_on": on},
            )
            assert taken.status_code == 200, taken.text
        await step(self.client, f"/api/v1/classes/{class_id}/complete", {"completed_on": done})

    async def _placement(self, fair_id: str, key: str, where: str, status: str, registered: str,
                         employer: str, channel: str, on: str) -> None:  # fmt: skip
        seeker = {"org_id": self.orgs[where], "person": person(f"S{key[1:]}"), "status": status,
                  "wanted_occupation": "电工", "registered_on": registered}  # fmt: skip
        seeker_id = (await created(self.client, "/api/v1/seekers", seeker))["id"]
        body = {"seeker_id": seeker_id, "employer_id": self.street.employers[employer],
                "employer_name": f"夫子庙单位{employer}", "placed_on": on, "channel": channel,
                **({"fair_id": fair_id} if channel == "fair" else {})}  # fmt: skip
        self.made.placements[key] = (await created(self.client, "/api/v1/placements", body))["id"]


async def plant_training(client: httpx.AsyncClient, street: Street) -> Training:
    """The street's 2025 of training and employment, entered through training's API."""
    return await TrainingPlanter(client, street).plant()
