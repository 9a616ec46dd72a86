"""Send the assistance plan to the assistance service through its public HTTP API.

Everything is entered in the order the year happened, with the API's date fields, so the
service's rules hold as they would have at the time: files are filed before they are paid, a
festival batch pays households still on file, and files close last.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import httpx
from rich.progress import Progress

from demo.assistance_access import Officers
from demo.assistance_aid import AidLoader
from demo.assistance_plan import (
    AssistancePlan,
    ClaimPlan,
    EnrolmentPlan,
    HouseholdPlan,
    ReceiptPlan,
)
from demo.loader import DemoFailed, call
from demo.plan import MemberPlan

CONCURRENCY = 8
T = TypeVar("T")


async def each(
    progress: Progress,
    label: str,
    items: Iterable[T],
    action: Callable[[T], Awaitable[None]],
    concurrency: int = CONCURRENCY,
) -> None:
    """Run ``action`` on every item, ``concurrency`` at a time, with a progress bar."""
    todo = list(items)
    task = progress.add_task(label, total=len(todo))
    gate = asyncio.Semaphore(concurrency)

    async def run(item: T) -> None:
        async with gate:
            await action(item)
        progress.advance(task)

    await asyncio.gather(*(run(item) for item in todo))


class AssistanceLoader:
    """Creates the plan's budgets, files, donations, insurance, batches, visits and applications."""

    def __init__(
        self,
        assist: AssistancePlan,
        client: httpx.AsyncClient,
        membership: httpx.AsyncClient,
        officers: Officers,
        progress: Progress,
    ) -> None:
        self.assist, self.client, self.membership = assist, client, membership
        self.officers, self.progress = officers, progress
        self.member_ids: dict[int, str] = {}
        self.households: dict[int, dict[str, Any]] = {}
        self.enrolment_ids: dict[int, str] = {}

    async def load(self) -> None:
        """Everything, in the order of the year."""
        assist, step = self.assist, self.progress
        await each(step, "查找会员 look up members", self._people(), self._look_up)
        await each(step, "帮扶预算 budgets", assist.budgets.items(), self._budget)
        await each(step, "建档立卡 household files", assist.households, self._file)
        formal = [h for h in assist.households if h.formalised_on is not None]
        await each(step, "临时转正式 formalise", formal, self._formalise)
        await self._campaign()
        await each(step, "互助保障参保 enrolments", assist.enrolments, self._enrol)
        await each(step, "互助保障报销 claims", assist.claims, self._claim)
        aid = AidLoader(assist, self.client, self.membership, self.officers, step, self.households)
        for batch in sorted(assist.batches, key=lambda b: b.paid_on):
            await aid.pay_batch(batch)
        await each(step, "走访慰问 visits", assist.visits, aid.visit)
        await each(step, "帮扶申请审批 applications", assist.applications, aid.apply)
        closing = [h for h in assist.households if h.closing is not None]
        await each(step, "解困脱困/注销 exits", closing, self._close)

    def _people(self) -> list[MemberPlan]:
        """The heads of households and the insured members, each once."""
        people = [h.head for h in self.assist.households]
        people += [e.member for e in self.assist.enrolments]
        return list({m.index: m for m in people}.values())

    async def _look_up(self, member: MemberPlan) -> None:
        page = await call(self.membership, "GET", "/api/v1/members",
                          params={"id_number": member.id_number, "status": "active"})  # fmt: skip
        if page["total"] != 1:
            raise DemoFailed(f"会员 {member.name} 未找到 (member not found in membership)")
        self.member_ids[member.index] = page["items"][0]["id"]

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await call(self.client, "POST", path, json=body or {}, headers=self.officers.street)

    async def _budget(self, item: tuple[str, int]) -> None:
        programme, amount_fen = item
        body = {"org_id": self.officers.street_id, "programme": programme,
                "year": self.assist.year, "amount_fen": amount_fen}  # fmt: skip
        await self._post("/api/v1/budgets", body)

    async def _file(self, household: HouseholdPlan) -> None:
        """Draft, submit (once returned for completion, when planned) and file on its date."""
        body = self._draft(household)
        if household.returned_note:
            # The first draft misses the spouse's ID number: the reviewer sends it back.
            body["family"] = [{**r, "id_number": None} if r["relation"] == "spouse" else r
                              for r in body["family"]]  # fmt: skip
        path = f"/api/v1/households/{(await self._post('/api/v1/households', body))['id']}"
        await self._post(f"{path}/submit")
        if household.returned_note:
            await self._post(f"{path}/return", {"note": household.returned_note})
            family = self._draft(household)["family"]
            await call(self.client, "PATCH", path, json={"family": family},
                       headers=self.officers.street)  # fmt: skip
            await self._post(f"{path}/submit")
        filed = await self._post(f"{path}/file", {"effective_on": str(household.filed_on)})
        if filed["status"] != "filed":
            raise DemoFailed(f"档案未能建档 (file not filed): {filed['status']}")
        self.households[household.key] = filed

    def _draft(self, household: HouseholdPlan) -> dict[str, Any]:
        head = household.head
        return {
            "head": {
                "name": head.name,
                "id_number": head.id_number,
                "member_id": self.member_ids[head.index],
                "phone": head.mobile,
                "address": household.address,
            },
            "family": [
                {"relation": r.relation, "name": r.name, "id_number": r.id_number}
                for r in household.family
            ],
            "level": household.level,
            "causes": list(household.causes),
            "monthly_income_per_capita_fen": household.income_fen,
            "temporary": household.temporary,
        }

    async def _formalise(self, household: HouseholdPlan) -> None:
        path = f"/api/v1/households/{self.households[household.key]['id']}/formalise"
        await self._post(path, {"effective_on": str(household.formalised_on)})

    async def _campaign(self) -> None:
        campaign = self.assist.campaign
        if campaign is None:
            return
        body = {"org_id": self.officers.street_id, "name": campaign.name,
                "opens_on": str(campaign.opens_on), "closes_on": str(campaign.closes_on),
                "target_fen": campaign.target_fen}  # fmt: skip
        path = f"/api/v1/donation-campaigns/{(await self._post('/api/v1/donation-campaigns', body))['id']}/receipts"

        async def receive(receipt: ReceiptPlan) -> None:
            await self._post(path, {"amount_fen": receipt.amount_fen,
                                    "donor_kind": receipt.donor_kind,
                                    "received_on": str(receipt.received_on),
                                    "donor_name": receipt.donor_name})  # fmt: skip

        await each(self.progress, "募捐 donations", campaign.receipts, receive)

    async def _enrol(self, enrolment: EnrolmentPlan) -> None:
        body = {"member_id": self.member_ids[enrolment.member.index],
                "scheme_year": self.assist.year, "premium_fen": enrolment.premium_fen,
                "enrolled_on": str(enrolment.enrolled_on)}  # fmt: skip
        created = await self._post("/api/v1/insurance/enrolments", body)
        self.enrolment_ids[enrolment.member.index] = created["id"]

    async def _claim(self, claim: ClaimPlan) -> None:
        body = {"enrolment_id": self.enrolment_ids[claim.member.index], "claim_kind": claim.kind,
                "amount_fen": claim.amount_fen, "paid_on": str(claim.paid_on)}  # fmt: skip
        await self._post("/api/v1/insurance/claims", body)

    async def _close(self, household: HouseholdPlan) -> None:
        closing = household.closing
        assert closing is not None
        path = f"/api/v1/households/{self.households[household.key]['id']}/{closing.action}"
        await self._post(path, {"reason": closing.reason, "effective_on": str(closing.on)})
