"""Loads the training plan into the training service through its public API, as the street's
training coordinator."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from rich.progress import Progress

from demo.loader import DemoFailed, call
from demo.training_plan import ClassPlan, Person, TrainingPlan

CONCURRENCY = 8


class TrainingLoader:
    """Creates the classes (enrolled, attended, completed), the fair, seekers and placements."""

    def __init__(
        self, plan: TrainingPlan, client: httpx.AsyncClient, membership: httpx.AsyncClient,
        headers: dict[str, str], street_id: str, progress: Progress,
    ) -> None:  # fmt: skip
        self.plan, self.client, self.membership = plan, client, membership
        self.headers, self.street_id, self.progress = headers, street_id, progress
        self.member_ids: dict[str, str] = {}
        self.counts = {"classes": 0, "enrolments": 0, "certificates": 0, "placements": 0}
        self.certificate_numbers: list[str] = []

    async def load(self) -> dict[str, int]:
        """Everything, classes first; the counts of what was created."""
        people = {p.id_number: p for c in self.plan.classes for p in c.people}
        people |= {p.id_number: p for p, _ in self.plan.seekers}
        members = [p for p in people.values() if p.member is not None]
        await self._each("会员查询 members", members, self._look_up)
        await self._each("培训班 classes", self.plan.classes, self._class)
        await self._employment()
        return self.counts

    async def _each(self, label: str, items: list[Any], work: Any) -> None:
        task = self.progress.add_task(label, total=len(items))
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one(item: Any) -> None:
            async with gate:
                await work(item)
            self.progress.advance(task)

        await asyncio.gather(*(one(item) for item in items))

    async def _look_up(self, person: Person) -> None:
        page = await call(self.membership, "GET", "/api/v1/members",
                          params={"id_number": person.id_number, "status": "active"})  # fmt: skip
        if page["total"] == 1:
            self.member_ids[person.id_number] = page["items"][0]["id"]

    def _person(self, person: Person) -> dict[str, Any]:
        body = {"name": person.name, "id_number": person.id_number, "phone": person.phone}
        member_id = self.member_ids.get(person.id_number)
        return body | ({"member_id": member_id} if member_id else {})

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await call(self.client, "POST", path, json=body or {}, headers=self.headers)

    async def _class(self, plan: ClassPlan) -> None:
        opened = await self._post("/api/v1/classes", {
            "org_id": self.street_id, "title": plan.title, "kind": plan.kind,
            "provider": "街道职工服务中心", "venue": "街道职工学校",
            "starts_on": str(plan.starts_on), "ends_on": str(plan.ends_on),
            "sessions_planned": plan.sessions, "capacity": plan.capacity,
            "target_groups": list(plan.target_groups), "min_attendance_percent": 75,
            "assessment_required": plan.assessment_required,
        })  # fmt: skip
        class_id = opened["id"]
        self.counts["classes"] += 1
        seated: list[str] = []
        days = plan.enrolment_days(self.plan.today)
        for person, day in zip(plan.people, days, strict=True):  # in order: the last ones wait
            enrolment = await self._post(f"/api/v1/classes/{class_id}/enrolments",
                                         {"person": self._person(person), "enrolled_on": str(day)})  # fmt: skip
            self.counts["enrolments"] += 1
            if enrolment["status"] == "enrolled":
                seated.append(enrolment["id"])
        await self._attend(class_id, plan, seated)
        if plan.completes:
            await self._complete(class_id, plan, seated)

    async def _attend(self, class_id: str, plan: ClassPlan, seated: list[str]) -> None:
        for session, (marks, day) in enumerate(zip(plan.marks, plan.session_days(), strict=True),
                                               start=1):  # fmt: skip
            body = {
                "marks": [
                    {"enrolment_id": e, "mark": m} for e, m in zip(seated, marks, strict=False)
                ],
                "taken_on": str(day),  # 考勤 dated the session's day, not the day the demo runs
            }
            await call(self.client, "PUT", f"/api/v1/classes/{class_id}/sessions/{session}/attendance",
                       json=body, headers=self.headers)  # fmt: skip

    async def _complete(self, class_id: str, plan: ClassPlan, seated: list[str]) -> None:
        if plan.assessment_required:
            for i, enrolment_id in enumerate(seated):
                await self._post(f"/api/v1/enrolments/{enrolment_id}/assessment",
                                 {"passed": i % 9 != 4})  # fmt: skip
        finished = min(plan.ends_on, self.plan.today)  # 结业 dated when the class ended
        done = await self._post(f"/api/v1/classes/{class_id}/complete",
                                {"completed_on": str(finished)})  # fmt: skip
        self.counts["certificates"] += done["certificates"]
        page = await call(self.client, "GET", "/api/v1/certificates",
                          params={"class_id": class_id, "limit": 1}, headers=self.headers)  # fmt: skip
        self.certificate_numbers += [c["number"] for c in page["items"]]

    async def _employment(self) -> None:
        employers = (await call(self.membership, "GET", "/api/v1/employers",
                                params={"limit": 12}))["items"]  # fmt: skip
        if len(employers) < 3:
            raise DemoFailed("会籍服务中单位不足 (too few employers in membership)")
        fair = await self._post("/api/v1/fairs", {
            "org_id": self.street_id, "title": f"{self.plan.year}年春风行动专场招聘会",
            "venue": "街道文化广场", "held_on": str(self.plan.fair_on),
        })  # fmt: skip
        for i, employer in enumerate(employers[:8]):
            await self._post(f"/api/v1/fairs/{fair['id']}/employers", {
                "employer_id": employer["id"], "employer_name": employer["name"],
                "positions": 5 + 3 * i,
            })  # fmt: skip
        posting = await self._post("/api/v1/postings", {
            "org_id": self.street_id, "employer_id": employers[8 % len(employers)]["id"],
            "employer_name": employers[8 % len(employers)]["name"], "title": "仓储物流专员",
            "occupation": "仓储管理员", "positions": 6,
        })  # fmt: skip
        seekers = await self._seekers(fair["id"])
        await call(self.client, "PUT", f"/api/v1/fairs/{fair['id']}/seekers-counted",
                   json={"seekers_counted": 20 + self.plan.walk_in_count}, headers=self.headers)  # fmt: skip
        await self._placements(seekers, fair["id"], posting["id"], employers)

    async def _seekers(self, fair_id: str) -> list[str]:
        ids: list[str] = []
        for i, (person, status) in enumerate(self.plan.seekers):
            seeker = await self._post("/api/v1/seekers", {
                "org_id": self.street_id, "person": self._person(person), "status": status,
                "wanted_occupation": ("电工", "保洁", "仓储", "会计", "育婴")[i % 5],
                "registered_on": str(self.plan.registered_on(i)),
            })  # fmt: skip
            ids.append(seeker["id"])
            if i < 20:
                await self._post(f"/api/v1/fairs/{fair_id}/seekers", {"seeker_id": seeker["id"]})
        return ids

    async def _placements(
        self, seekers: list[str], fair_id: str, posting_id: str, employers: list[dict[str, Any]]
    ) -> None:
        for index, channel, placed_on in self.plan.placements:
            employer = employers[index % 8]
            body: dict[str, Any] = {
                "seeker_id": seekers[index], "employer_id": employer["id"],
                "employer_name": employer["name"], "placed_on": str(placed_on), "channel": channel,
            }  # fmt: skip
            if channel == "fair":
                body["fair_id"] = fair_id
            if channel == "posting":
                body["posting_id"] = posting_id
            placement = await self._post("/api/v1/placements", body)
            self.counts["placements"] += 1
            for months, due in ((3, 92), (6, 184)):
                if (self.plan.today - placed_on).days >= due:
                    await self._post(f"/api/v1/placements/{placement['id']}/follow-ups",
                                     {"months": months, "still_employed": index % 7 != 3})  # fmt: skip
