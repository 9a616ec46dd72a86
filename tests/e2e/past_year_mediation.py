"""The street's 2025 labour-dispute mediation, entered in December 2026 through disputes' API.

A mediation centre at the street and a mediation room in each community, a mediator each.
Four contacts (来访/电话/网上), one of them the collective wage claim that became case D2.
Seven cases, every step on its own 2025 day (D0 registered in December 2024):

- D0 贡院: E1, wages, 2 workers; accepted 2024-12-23, settled 2025-01-06, closed 2025-01-08
- D1 贡院: E1, wages, 3 workers (2 农民工); accepted 03-04, settled 03-14, closed 03-17
- D2 street: E4, wages, 15 workers (10 农民工, collective); accepted 05-13, failed 05-26,
  referred to arbitration 05-28 (legal aid L1 granted that day), closed 06-05
- D3 白鹭洲: E5, dismissal, 1 worker; accepted 06-23, withdrawn 07-02, closed 07-03
- D4 贡院: E2, work injury, 2 workers (1 农民工); accepted 09-02, settled 09-12, closed 09-15
- D5 street: E6, social insurance, 1 worker; accepted 12-23, still in mediation at the year's end
- D6 贡院: E3, other, 1 worker; declined 10-10, closed 10-13 (never accepted)

L2: legal aid at 白鹭洲 to a worker without a case, first instance, 2025-11-20.
The figures they give are written by hand in ``past_year_annual_expected``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
import pytest
from shared.identifiers import make_id_number

from .past_year_street import Street

PATIENCE_SECONDS = (
    30.0  # the replica of the tree and the employers is built from membership's events
)


@dataclass
class Mediation:
    """The ids the assertions need, by the names the scenario gives them."""

    contacts: dict[str, str] = field(default_factory=dict)
    cases: dict[str, str] = field(default_factory=dict)
    legal_aid: dict[str, str] = field(default_factory=dict)


async def created(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> Any:
    """POST ``body`` until the service knows what it names (its replica lags membership):
    a refused command writes nothing, so trying again is safe."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE_SECONDS
    while True:
        response = await client.post(path, json=body)
        if response.status_code in (200, 201):
            return response.json()
        if loop.time() > deadline:
            pytest.fail(f"POST {path}: {response.status_code} {response.text}")
        await asyncio.sleep(0.2)


async def step(client: httpx.AsyncClient, path: str, body: dict[str, Any]) -> Any:
    response = await client.post(path, json=body)
    assert response.status_code in (200, 201), (path, response.text)
    return response.json()


CASE_MARKS, NUMERALS = "甲乙丙丁戊己庚", "一二三"  # applicants' names: 申请人甲一 …

# key, where (S street, A 贡院, B 白鹭洲), channel, workers, on, answered on (None: became D2)
CONTACTS = (("C1", "S", "visit", 1, "2025-02-10", "2025-02-10"),
            ("C2", "A", "phone", 2, "2025-04-08", "2025-04-09"),
            ("C3", "B", "online", 1, "2025-10-15", "2025-10-16"),
            ("C4", "S", "visit", 15, "2025-05-12", None))  # fmt: skip

# key, where, employer, category, workers, of whom 农民工, received on, the steps after it
CASES: tuple[tuple[str, str, str, str, int, int, str, tuple[tuple[str, str], ...]], ...] = (
    ("D0", "A", "E1", "wages", 2, 0, "2024-12-20",
     (("accept", "2024-12-23"), ("mediate", "2024-12-30"), ("settle", "2025-01-06"),
      ("close", "2025-01-08"))),
    ("D1", "A", "E1", "wages", 3, 2, "2025-03-03",
     (("accept", "2025-03-04"), ("mediate", "2025-03-10"), ("settle", "2025-03-14"),
      ("close", "2025-03-17"))),
    ("D2", "S", "E4", "wages", 15, 10, "2025-05-12",
     (("accept", "2025-05-13"), ("mediate", "2025-05-20"), ("fail", "2025-05-26"),
      ("refer", "2025-05-28"), ("close", "2025-06-05"))),
    ("D3", "B", "E5", "dismissal", 1, 0, "2025-06-20",
     (("accept", "2025-06-23"), ("withdraw", "2025-07-02"), ("close", "2025-07-03"))),
    ("D4", "A", "E2", "work_injury", 2, 1, "2025-09-01",
     (("accept", "2025-09-02"), ("mediate", "2025-09-10"), ("settle", "2025-09-12"),
      ("close", "2025-09-15"))),
    ("D5", "S", "E6", "social_insurance", 1, 0, "2025-12-22",
     (("accept", "2025-12-23"), ("mediate", "2025-12-29"))),
    ("D6", "A", "E3", "other", 1, 0, "2025-10-09",
     (("decline", "2025-10-10"), ("close", "2025-10-13"))),
)  # fmt: skip


class MediationPlanter:
    """Enters the network, the contacts, the cases step by step and the legal aid."""

    def __init__(self, client: httpx.AsyncClient, street: Street) -> None:
        self.client, self.street, self.made = client, street, Mediation()
        self.orgs = {"S": street.street, "A": street.community_a, "B": street.community_b}
        self.rooms: dict[str, str] = {}
        self.mediators: dict[str, str] = {}

    async def plant(self) -> Mediation:
        await self._network()
        for contact in CONTACTS:
            await self._contact(*contact)
        for seq, case in enumerate(CASES):
            await self._case(seq, *case)
        aid = {"org_id": self.orgs["B"], "provider": "秦淮区法律援助中心", "stage": "first_instance",
               "granted_on": "2025-11-20", "worker_name": "受援职工乙"}  # fmt: skip
        self.made.legal_aid["L2"] = (await step(self.client, "/api/v1/legal-aid", aid))["id"]
        return self.made

    async def _network(self) -> None:
        rooms = (("S", "street_centre", "夫子庙街道劳动争议调解分中心"),
                 ("A", "community_room", "贡院社区调解室"),
                 ("B", "community_room", "白鹭洲社区调解室"))  # fmt: skip
        for where, kind, name in rooms:
            body = {"org_id": self.orgs[where], "kind": kind, "name": name}
            room = await created(self.client, "/api/v1/mediation-orgs", body)
            self.rooms[where] = room["id"]
            mediator = await step(self.client, f"/api/v1/mediation-orgs/{room['id']}/mediators",
                                  {"name": f"调解员{where}"})  # fmt: skip
            self.mediators[where] = mediator["id"]

    async def _contact(
        self, key: str, where: str, channel: str, workers: int, on: str, answered: str | None
    ) -> None:
        body = {"org_id": self.orgs[where], "channel": channel, "workers_involved": workers,
                "contacted_on": on, "topic": f"来访{key}咨询劳动报酬", "category": "wages"}  # fmt: skip
        contact = await step(self.client, "/api/v1/contacts", body)
        self.made.contacts[key] = contact["id"]
        if answered is not None:
            await step(self.client, f"/api/v1/contacts/{contact['id']}/answer",
                       {"answer": "已解答相关法律规定", "closed_on": answered})  # fmt: skip

    async def _case(self, seq: int, key: str, where: str, employer: str, category: str,
                    workers: int, migrants: int, received: str,
                    steps: tuple[tuple[str, str], ...]) -> None:  # fmt: skip
        applicants = [{"name": f"申请人{CASE_MARKS[seq]}{NUMERALS[n]}", "migrant_worker": n < migrants,
                       "id_number": make_id_number("320104", date(1985, 1, 1 + seq), n, "male")}
                      for n in range(min(workers, 3))]  # fmt: skip
        body = {"org_id": self.orgs[where], "mediation_org_id": self.rooms[where],
                "channel": "visit", "category": category, "applicants": applicants,
                "workers_involved": workers, "migrant_workers": migrants,
                "employer_id": self.street.employers[employer], "claimed_fen": 100_000 * workers,
                "facts": "申请人在被申请人处工作，相关待遇未依法支付。", "claims": "请求依法支付。",
                "received_on": received}  # fmt: skip
        if key == "D2":
            body["contact_id"] = self.made.contacts["C4"]
        case = await created(self.client, "/api/v1/cases", body)
        self.made.cases[key] = case["id"]
        if key == "D2":
            await step(self.client, f"/api/v1/contacts/{self.made.contacts['C4']}/case",
                       {"case_id": case["id"], "closed_on": received})  # fmt: skip
        for action, on in steps:
            await CaseStep(self, key, case["id"], where).take(action, on)


@dataclass
class CaseStep:
    """One step of a case on its own day."""

    planter: MediationPlanter
    key: str
    case_id: str
    where: str

    async def post(self, action: str, body: dict[str, Any]) -> Any:
        return await step(self.planter.client, f"/api/v1/cases/{self.case_id}/{action}", body)

    async def take(self, action: str, on: str) -> None:
        bodies: dict[str, tuple[str, dict[str, Any]]] = {
            "accept": ("accept", {"accepted_on": on}),
            "decline": ("decline", {"reason": "not_labour_dispute", "declined_on": on}),
            "fail": ("failure", {"reason": "no_agreement", "failed_on": on}),
            "refer": ("referral", {"referred_on": on, "had_written_contract": True,
                                   "wages_claimed_fen": 1_500_000}),
            "withdraw": ("withdrawal", {"withdrawn_on": on}),
            "close": ("closure", {"closed_on": on}),
            "settle": ("settlement", {"agreed_fen": 80_000, "terms": "被申请人一次性支付申请人。",
                                      "signed_on": on, "worker_confirmed": True,
                                      "employer_confirmed": True}),
        }  # fmt: skip
        if action == "mediate":
            await self.mediate(on)
            return
        route, body = bodies[action]
        await self.post(route, body)
        if action == "refer":
            aid = {"org_id": self.planter.orgs[self.where], "provider": "秦淮区法律援助中心",
                   "stage": "arbitration", "granted_on": on, "case_id": self.case_id}  # fmt: skip
            made = await step(self.planter.client, "/api/v1/legal-aid", aid)
            self.planter.made.legal_aid["L1"] = made["id"]

    async def mediate(self, on: str) -> None:
        """The mediator assigned and a session held, both on ``on``."""
        await self.post("mediator", {"mediator_id": self.planter.mediators[self.where],
                                     "assigned_on": on})  # fmt: skip
        await self.post("sessions", {"scheduled_on": on})
        await self.post("sessions/1/record", {"held_on": on, "attendees": ["申请人", "单位代表"],
                                              "minutes": "双方陈述，同意继续协商。"})  # fmt: skip


async def plant_mediation(client: httpx.AsyncClient, street: Street) -> Mediation:
    """The street's 2025 of mediation, entered through disputes' API."""
    return await MediationPlanter(client, street).plant()
