"""Payment batches, visits and the live approval chain of applications, through the API.

A batch is paid in the background by the service: the loader follows its progress until it
completes and insists that every listed household was paid. An approved application's payment
order is created by the service's own consumer of the approval event: the loader waits for it,
then confirms the disbursement today.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from rich.progress import Progress

from demo.assistance_access import Officers
from demo.assistance_plan import ApplicationPlan, AssistancePlan, BatchPlan, VisitPlan
from demo.loader import DemoFailed, call

PROGRAMME_LABELS = {
    "festival_consolation": "送温暖 festival batch",
    "student_aid": "金秋助学 student aid batch",
    "summer_relief": "夏送清凉 summer relief batch",
}
BATCH_TIMEOUT_SECONDS = 120.0
PAYMENT_ORDER_TIMEOUT_SECONDS = 60.0
POLL_SECONDS = 0.2
MISSING_DOCUMENTS = "缺少医院费用清单和医保结算单，请补齐后再申请"


class AidLoader:
    """Pays batches, records visits and takes applications through approval and payment."""

    def __init__(
        self,
        assist: AssistancePlan,
        client: httpx.AsyncClient,
        membership: httpx.AsyncClient,
        officers: Officers,
        progress: Progress,
        households: dict[int, dict[str, Any]],
    ) -> None:
        self.assist, self.client, self.membership = assist, client, membership
        self.officers, self.progress, self.households = officers, progress, households
        self._parents: dict[str, str] = {}

    async def pay_batch(self, batch: BatchPlan) -> None:
        """Start the batch, follow it to completion; every listed household must be paid."""
        body = {
            "programme": batch.programme,
            "year": self.assist.year,
            "budget_org_id": self.officers.street_id,
            "amount_fen": batch.amount_fen,
            "method": batch.method,
            "paid_on": str(batch.paid_on),
            "selection": {"household_ids": [self.households[k]["id"] for k in batch.households]},
        }
        found = await self._street("POST", "/api/v1/payment-batches", json=body)
        task = self.progress.add_task(PROGRAMME_LABELS[batch.programme], total=found["total"])
        deadline = time.monotonic() + BATCH_TIMEOUT_SECONDS
        while found["status"] != "completed":
            if time.monotonic() > deadline:
                raise DemoFailed(f"批量发放未在 {BATCH_TIMEOUT_SECONDS:g} 秒内完成: {found}")
            await asyncio.sleep(POLL_SECONDS)
            found = await self._street("GET", f"/api/v1/payment-batches/{found['id']}")
            self.progress.update(task, completed=found["paid"] + found["skipped"])
        if found["paid"] != len(batch.households):
            raise DemoFailed(
                f"批量发放有未发放的户 (households skipped): {found['skipped_by_reason']}"
            )

    async def visit(self, visit: VisitPlan) -> None:
        """走访慰问 of a household on its day; the employer is the head's (the file's)."""
        household = self.households[visit.household]
        body = {"occasion": visit.occasion, "visited_on": str(visit.visited_on),
                "household_id": household["id"], "member_id": household["head"]["member_id"],
                "note": visit.note}  # fmt: skip
        await self._street("POST", "/api/v1/visits", json=body)

    async def apply(self, application: ApplicationPlan) -> None:
        """Submit → grassroots opinion → review → approve → payment order → disburse today."""
        path = await self._submit_with_opinion(application)
        review: dict[str, Any] = {"passed": application.rejection_reason is None}
        if application.rejection_reason is not None:
            review |= {"reason": application.rejection_reason, "note": MISSING_DOCUMENTS}
        await call(self.client, "POST", f"{path}/review", json=review,
                   headers=self.officers.reviewer)  # fmt: skip
        if application.rejection_reason is not None:
            return
        approval = {"approved_fen": application.approved_fen,
                    "budget_org_id": self.officers.street_id}  # fmt: skip
        await call(self.client, "POST", f"{path}/approve", json=approval,
                   headers=self.officers.approver)  # fmt: skip
        payment_id = await self._payment_order(path.rsplit("/", 1)[1])
        await self._street("POST", f"/api/v1/payments/{payment_id}/disburse",
                           json={"method": "bank_transfer"})  # fmt: skip

    async def _submit_with_opinion(self, application: ApplicationPlan) -> str:
        """The union's officer submits, the community's officer supports; the application's path."""
        household = self.households[application.household]
        union_id = str(household["org_id"])
        body = {"programme": application.programme, "household_id": household["id"],
                "requested_fen": application.requested_fen}  # fmt: skip
        submitted = await call(self.client, "POST", "/api/v1/applications", json=body,
                               headers=self.officers.union(union_id))  # fmt: skip
        path = f"/api/v1/applications/{submitted['id']}"
        opinion = {"support": True, "note": f"情况属实，同意上报：{application.note}"}
        community = self.officers.community(await self._parent(union_id))
        await call(self.client, "POST", f"{path}/opinion", json=opinion, headers=community)
        return path

    async def _payment_order(self, application_id: str) -> str:
        """The payment order the service creates from the approval event (asynchronously)."""
        deadline = time.monotonic() + PAYMENT_ORDER_TIMEOUT_SECONDS
        while True:
            page = await self._street("GET", "/api/v1/payments",
                                      params={"application_id": application_id})  # fmt: skip
            if page["items"]:
                return str(page["items"][0]["id"])
            if time.monotonic() > deadline:
                raise DemoFailed(
                    f"审批后 {PAYMENT_ORDER_TIMEOUT_SECONDS:g} 秒仍无付款单 "
                    f"(no payment order for application {application_id}): "
                    "帮扶服务的事件中继或付款单消费者是否在运行？"
                )
            await asyncio.sleep(POLL_SECONDS)

    async def _parent(self, org_id: str) -> str:
        """The union's parent (a community, building or industry federation), from membership."""
        if org_id not in self._parents:
            found = await call(self.membership, "GET", f"/api/v1/organisations/{org_id}")
            self._parents[org_id] = str(found["parent_id"])
        return self._parents[org_id]

    async def _street(self, method: str, path: str, **kwargs: Any) -> Any:
        return await call(self.client, method, path, headers=self.officers.street, **kwargs)
