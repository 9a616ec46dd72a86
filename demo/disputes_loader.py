"""Send the mediation plan to the disputes service through its public HTTP API, case by case
in the order each case happened (cases concurrently, a case's steps one after another)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import httpx
from rich.progress import Progress
from shared.auth import Role, issue_token
from shared.settings import ServiceSettings

from demo.assistance_loader import each
from demo.disputes_generate import CasePlan, DisputesPlan
from demo.loader import call

TERMS = "被申请人于{pay_by}前一次性支付申请人{what}人民币{yuan}元，双方就本争议再无其他争议。"
WHAT = {"wages": "拖欠工资", "work_injury": "工伤待遇", "social_insurance": "社会保险补偿",
        "dismissal": "经济补偿金", "labour_contract": "未签劳动合同二倍工资差额", "other": "款项"}  # fmt: skip


class DisputesLoader:
    """Creates the mediation network, the contacts, the cases and their steps, legal aid and
    the warnings; ``ids`` maps the plan's employers, members and organisations to real ids."""

    def __init__(self, plan: DisputesPlan, client: httpx.AsyncClient, settings: ServiceSettings,
                 ids: dict[str, str], progress: Progress) -> None:  # fmt: skip
        self.plan, self.client, self.ids, self.progress = plan, client, ids, progress
        token = issue_token(settings, subject="demo-street-mediator", roles=[Role.MEDIATOR.value],
                            org_id=ids["street"])  # fmt: skip
        self.headers = {"Authorization": f"Bearer {token}"}
        self.mediators: dict[str | None, str] = {}
        self.rooms: dict[str | None, str] = {}
        self.rng = random.Random(7)

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        return await call(self.client, "POST", path, json=body, headers=self.headers)

    async def load(self) -> None:
        await self._network()
        await each(self.progress, "接待来访 contacts answered", self.plan.answered_contacts,
                   self._answered)  # fmt: skip
        await each(self.progress, "调解案件 cases", self.plan.cases, self._case)
        await self._warnings()

    async def _network(self) -> None:
        orgs: list[tuple[str | None, str, str, str]] = [
            (None, self.ids["street"], "street_centre", "夫子庙街道劳动争议调解分中心")
        ]
        orgs += [(name, self.ids[name], "community_room", f"{name.removesuffix('工联会')}调解室")
                 for name in {c.community for c in self.plan.cases if c.community}]  # fmt: skip
        for key, org_id, kind, name in orgs:
            made = await self._post("/api/v1/mediation-orgs",
                                    {"org_id": org_id, "kind": kind, "name": name})  # fmt: skip
            self.rooms[key] = made["id"]
            mediator = await self._post(f"/api/v1/mediation-orgs/{made['id']}/mediators",
                                        {"name": "陈" + "明华志平"[len(self.rooms) % 4] + "调",
                                         "phone": f"1390000{len(self.rooms):04d}"})  # fmt: skip
            self.mediators[key] = mediator["id"]

    async def _answered(self, item: tuple[date, str, str | None]) -> None:
        day, topic, category = item
        body = {"org_id": self.ids["street"], "channel": "phone", "workers_involved": 1,
                "contacted_on": day.isoformat(), "topic": topic, "category": category}  # fmt: skip
        contact = await self._post("/api/v1/contacts", body)
        await self._post(f"/api/v1/contacts/{contact['id']}/answer",
                         {"answer": "已当场解答相关法律规定", "closed_on": day.isoformat()})  # fmt: skip

    def _org(self, case: CasePlan) -> str:
        return self.ids[case.community] if case.community else self.ids["street"]

    async def _case(self, case: CasePlan) -> None:
        contact = await self._post("/api/v1/contacts", {
            "org_id": self._org(case), "channel": case.channel, "workers_involved": case.workers,
            "contacted_on": case.received_on.isoformat(), "category": case.category,
            "topic": f"{case.applicants[0].name}等反映{WHAT[case.category]}问题",
            "caller_name": case.applicants[0].name,
        })  # fmt: skip
        made = await self._post("/api/v1/cases", self._case_body(case, contact["id"]))
        cid = made["id"]
        await self._post(f"/api/v1/contacts/{contact['id']}/case",
                         {"case_id": cid, "closed_on": case.received_on.isoformat()})  # fmt: skip
        await CaseSteps(self, case, cid).run()

    def _case_body(self, case: CasePlan, contact_id: str) -> dict[str, Any]:
        applicants = [{"name": a.name, "id_number": a.id_number, "phone": a.phone,
                       "member_id": self.ids.get(f"member:{a.member.index}") if a.member else None,
                       "migrant_worker": a.migrant} for a in case.applicants]  # fmt: skip
        return {
            "org_id": self._org(case), "mediation_org_id": self.rooms[case.community],
            "channel": case.channel, "category": case.category, "applicants": applicants,
            "workers_involved": case.workers, "migrant_workers": case.migrants,
            "employer_id": self.ids[f"employer:{case.employer.key}"],
            "claimed_fen": case.claimed_fen, "received_on": case.received_on.isoformat(),
            "facts": f"申请人在被申请人处工作，被申请人{WHAT[case.category]}未依法支付。",
            "claims": f"请求被申请人支付{WHAT[case.category]}{case.claimed_fen / 100:.2f}元。",
            "contact_id": contact_id,
        }  # fmt: skip

    async def _warnings(self) -> None:
        employers = [k for k in self.ids if k.startswith("employer:")][:2]
        reporters = []
        for n, key in enumerate(employers):
            body = {"org_id": self.ids["street"], "employer_id": self.ids[key],
                    "name": "周预警" if n else "吴信息", "phone": f"1370000{n:04d}"}  # fmt: skip
            reporters.append((await self._post("/api/v1/warning-reporters", body))["id"])
        for n, (day, risk, workers) in enumerate(self.plan.risks):
            await self._post("/api/v1/warnings", {
                "reporter_id": reporters[n % len(reporters)], "risk": risk,
                "workers_at_risk": workers, "reported_on": day.isoformat(),
            })  # fmt: skip


class CaseSteps:
    """One case's steps after registration, dated as they happened."""

    def __init__(self, loader: DisputesLoader, case: CasePlan, case_id: str) -> None:
        self.loader, self.case, self.path = loader, case, f"/api/v1/cases/{case_id}"

    async def step(self, action: str, body: dict[str, Any]) -> Any:
        return await self.loader._post(f"{self.path}/{action}", body)

    def day(self, offset: int) -> str:
        return min(self.case.day(offset), self.loader.plan.today).isoformat()

    async def run(self) -> None:
        c = self.case
        if c.outcome == "declined":
            await self.step("decline", {"reason": "not_labour_dispute", "declined_on": self.day(1)})
            await self.step("closure", {"closed_on": self.day(2)})
            return
        await self.step("accept", {"accepted_on": self.day(1)})
        if c.outcome == "open" and (self.loader.plan.today - c.received_on).days < 3:
            return
        if c.outcome == "withdrawn":
            await self.step("withdrawal", {"withdrawn_on": self.day(4)})
            await self.step("closure", {"closed_on": self.day(5)})
            return
        await self._mediate()
        if c.outcome == "settled":
            await self._settle()
        elif c.outcome == "referred":
            await self._refer()

    async def _mediate(self) -> None:
        c = self.case
        await self.step("mediator", {"mediator_id": self.loader.mediators[c.community],
                                     "assigned_on": self.day(2)})  # fmt: skip
        await self.step("sessions", {"scheduled_on": self.day(3)})
        await self.step("sessions/1/record", {
            "held_on": self.day(3), "attendees": [c.applicants[0].name, "单位代表", "调解员"],
            "minutes": f"{c.applicants[0].name}陈述诉求，单位代表说明情况，双方同意继续协商。",
        })  # fmt: skip
        if c.extended:
            due = c.day(1) + timedelta(days=25)
            await self.step("extension", {"due_on": due.isoformat(), "both_parties_agreed": True,
                                          "reason": "settlement_near",
                                          "agreed_on": self.day(6)})  # fmt: skip

    async def _settle(self) -> None:
        c = self.case
        yuan = f"{c.agreed_fen / 100:.2f}"
        pay_by = c.day(25)
        await self.step("settlement", {
            "agreed_fen": c.agreed_fen, "signed_on": self.day(8), "pay_by": pay_by.isoformat(),
            "terms": TERMS.format(pay_by=pay_by.isoformat(), what=WHAT[c.category], yuan=yuan),
            "worker_confirmed": True, "employer_confirmed": True,
        })  # fmt: skip
        await self.step("closure", {"closed_on": self.day(9)})
        for paid_on, amount in c.recoveries:
            await self.step(
                "recoveries", {"amount_fen": amount, "received_on": paid_on.isoformat()}
            )

    async def _refer(self) -> None:
        c = self.case
        await self.step("failure", {"reason": "no_agreement", "failed_on": self.day(12)})
        await self.step("referral", {
            "referred_on": self.day(14), "had_written_contract": c.category != "labour_contract",
            "wages_claimed_fen": c.claimed_fen if c.category == "wages" else 0,
            "overtime_claimed_fen": 0, "social_insurance_claimed": c.category == "social_insurance",
            "work_injury": c.category == "work_injury", "employment_ending": "dismissed",
        })  # fmt: skip
        await self.step("closure", {"closed_on": self.day(15)})
        aid = await self.loader._post("/api/v1/legal-aid", {
            "org_id": self.loader.ids["street"], "provider": "秦淮区法律援助中心",
            "stage": "arbitration", "granted_on": self.day(14), "case_id": self.path.rsplit("/", 1)[1],
        })  # fmt: skip
        if c.awarded_fen:
            await self.step("arbitration-outcome", {
                "outcome": "partial_award", "awarded_fen": c.awarded_fen,
                "decided_on": self.day(70), "award_no": f"秦劳人仲案字〔{c.day(70).year}〕{c.index + 1}号",
            })  # fmt: skip
            await self.loader._post(
                f"/api/v1/legal-aid/{aid['id']}/conclusion",
                {
                    "outcome": "partly_won",
                    "amount_fen": c.awarded_fen,
                    "concluded_on": self.day(70),
                },
            )
            for paid_on, amount in c.recoveries:
                await self.step("recoveries", {"amount_fen": amount,
                                               "received_on": paid_on.isoformat()})  # fmt: skip
