"""Send the plan to the membership service through its public HTTP API, with progress bars."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

import httpx
from rich.progress import Progress

from demo import names
from demo.plan import ContractPlan, EmployerPlan, MemberPlan, Movement, OrgPlan, Plan

ROSTER_HEADERS = ("姓名", "身份证号", "手机号", "户口性质", "入会日期")
CONCURRENCY = 8
ROSTER_CONCURRENCY = 4
POLL_SECONDS = 0.05
T = TypeVar("T")


class DemoFailed(RuntimeError):
    """A request was refused; the message names it and quotes the answer."""


async def call(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> Any:
    """The JSON answer of a successful request, else :class:`DemoFailed`."""
    response = await client.request(method, path, **kwargs)
    if response.status_code >= 400:
        raise DemoFailed(f"{method} {path} → {response.status_code}: {response.text[:500]}")
    return response.json()


async def find_organisation(
    client: httpx.AsyncClient, kind: str, name: str, parent_id: str | None = None
) -> dict[str, Any] | None:
    """The active organisation of ``kind`` named exactly ``name`` (under ``parent_id``), if any."""
    params = {"kind": kind, "name": name, "status": "active", "limit": 500}
    if parent_id:
        params["parent_id"] = parent_id
    page = await call(client, "GET", "/api/v1/organisations", params=params)
    return next((o for o in page["items"] if o["name"] == name), None)


class Loader:
    """Creates the plan's organisations, employers, members, movements and contracts."""

    def __init__(self, plan: Plan, client: httpx.AsyncClient, progress: Progress) -> None:
        self.plan, self.client, self.progress = plan, client, progress
        self.ids: dict[str, str] = {}
        self.member_ids: dict[int, str] = {}

    async def load(self) -> dict[str, str]:
        """Everything, in the order the domain needs; the ids by plan key."""
        await self._federations()
        unions = self.plan.unions
        await self._each("建会 grassroots unions", unions, self._found, CONCURRENCY)
        await self._each("单位 employers", self.plan.employers, self._register, CONCURRENCY)
        covered = [e for e in self.plan.employers if e.union_key]
        await self._each("建会覆盖 coverage", covered, self._cover, CONCURRENCY)
        rosters = _rosters(self.plan.members)
        await self._each("花名册导入 roster imports", rosters, self._import, ROSTER_CONCURRENCY)
        movers = sorted({m.member for m in self.plan.movements})
        await self._each("查找会员 look up movers", movers, self._look_up, CONCURRENCY)
        movements = self.plan.movements
        await self._each("接转/退会/保留 movements", movements, self._move, CONCURRENCY)
        contracts = self.plan.contracts
        await self._each("集体合同 contracts", contracts, self._sign, CONCURRENCY)
        return self.ids

    async def _each(
        self,
        label: str,
        items: Iterable[T],
        action: Callable[[T], Awaitable[None]],
        concurrency: int,
    ) -> None:
        todo = list(items)
        task = self.progress.add_task(label, total=len(todo))
        gate = asyncio.Semaphore(concurrency)

        async def run(item: T) -> None:
            async with gate:
                await action(item)
            self.progress.advance(task)

        await asyncio.gather(*(run(item) for item in todo))

    async def _federations(self) -> None:
        # The platform has one root: an existing city federation is reused, as is the district.
        city = await find_organisation(self.client, "city_federation", names.CITY)
        if city is None:
            page = await call(self.client, "GET", "/api/v1/organisations",
                              params={"kind": "city_federation", "status": "active"})  # fmt: skip
            city = page["items"][0] if page["items"] else None
        if city is not None:
            self.ids["city"] = city["id"]
            district = await find_organisation(
                self.client, "district_federation", names.DISTRICT, city["id"]
            )
            if district is not None:
                self.ids["district"] = district["id"]
        federations = [o for o in self.plan.orgs if o.kind != "grassroots_union"]
        await self._each("工会组织 federations", [o for o in federations if o.key not in self.ids],
                         self._found, 1)  # fmt: skip

    async def _found(self, org: OrgPlan) -> None:
        body = {
            "kind": org.kind,
            "name": org.name,
            "parent_id": self.ids[org.parent_key] if org.parent_key else None,
            "founded_on": org.founded_on.isoformat(),
            "grassroots_mode": org.grassroots_mode,
        }
        self.ids[org.key] = (await call(self.client, "POST", "/api/v1/organisations", json=body))[
            "id"
        ]

    async def _register(self, employer: EmployerPlan) -> None:
        first, *later = employer.censuses
        body = {
            "uscc": employer.uscc,
            "name": employer.name,
            "registration_type": employer.registration_type,
            "industry": employer.industry,
            "territory_org_id": self.ids[employer.territory_key],
            "census": _census_body(first),
        }
        created = await call(self.client, "POST", "/api/v1/employers", json=body)
        self.ids[employer.key] = created["id"]
        for census in later:
            path = f"/api/v1/employers/{created['id']}/census"
            await call(self.client, "PUT", path, json=_census_body(census))

    async def _cover(self, employer: EmployerPlan) -> None:
        assert employer.union_key is not None
        assert employer.covered_on is not None
        body = {"union_id": self.ids[employer.union_key], "effective_on": str(employer.covered_on)}
        await call(self.client, "PUT", f"/api/v1/employers/{self.ids[employer.key]}/coverage",
                   json=body)  # fmt: skip

    async def _import(self, members: list[MemberPlan]) -> None:
        form = {
            "union_id": self.ids[members[0].union_key],
            "employer_id": self.ids[members[0].employer_key],
        }
        files = {"file": ("花名册.csv", _roster_csv(members), "text/csv")}
        job = await call(self.client, "POST", "/api/v1/roster-imports", files=files, data=form)
        while job["status"] not in ("completed", "completed_with_errors", "failed"):
            await asyncio.sleep(POLL_SECONDS)
            job = await call(self.client, "GET", f"/api/v1/roster-imports/{job['id']}")
        if job["status"] != "completed" or job["imported_rows"] != len(members):
            raise DemoFailed(f"花名册导入未完成 roster import {job['status']}: {str(job)[:800]}")

    async def _look_up(self, index: int) -> None:
        member = self.plan.members[index]
        page = await call(self.client, "GET", "/api/v1/members",
                          params={"id_number": member.id_number, "status": "active"})  # fmt: skip
        if page["total"] != 1:
            raise DemoFailed(f"会员 {member.name} 未找到 (member not found after import)")
        self.member_ids[index] = page["items"][0]["id"]

    async def _move(self, movement: Movement) -> None:
        path = f"/api/v1/members/{self.member_ids[movement.member]}/{movement.action}"
        body: dict[str, Any] = {
            "reason": movement.reason,
            "effective_on": str(movement.effective_on),
        }
        if movement.action == "transfer":
            assert movement.to_union_key is not None
            assert movement.new_employer_key is not None
            body["to_union_id"] = self.ids[movement.to_union_key]
            body["new_employer_id"] = self.ids[movement.new_employer_key]
        await call(self.client, "POST", path, json=body)

    async def _sign(self, contract: ContractPlan) -> None:
        body = {
            "kind": contract.kind,
            "union_id": self.ids[contract.union_key],
            "employer_ids": [self.ids[key] for key in contract.employer_keys],
            "workers_covered": contract.workers_covered,
            "signed_on": str(contract.signed_on),
            "starts_on": str(contract.starts_on),
            "ends_on": str(contract.ends_on),
        }
        await call(self.client, "POST", "/api/v1/contracts", json=body)


def _census_body(census: Any) -> dict[str, Any]:
    return {
        "workers": census.workers,
        "women": census.women,
        "migrant_workers": census.migrant_workers,
        "effective_on": str(census.effective_on),
    }


def _rosters(members: list[MemberPlan]) -> list[list[MemberPlan]]:
    """One staff list per union and employer, as a cadre would upload it."""
    grouped: dict[tuple[str, str], list[MemberPlan]] = {}
    for member in members:
        grouped.setdefault((member.union_key, member.employer_key), []).append(member)
    return list(grouped.values())


def _roster_csv(members: list[MemberPlan]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ROSTER_HEADERS)
    for m in members:
        household = "农业" if m.agricultural else "非农业"
        writer.writerow((m.name, m.id_number, m.mobile, household, str(m.joined_on)))
    return out.getvalue().encode("utf-8")
