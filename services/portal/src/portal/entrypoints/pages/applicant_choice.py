"""申请对象: the household on file, or the member without a hardship file, an application is for.

Households come from assistance and members from membership, each listed within the user's
scope by the service itself, so nobody outside it is offered; one typed in anyway is refused
by assistance, which names the field.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from portal.adapters.services import ApiError, ServiceApi
from portal.entrypoints import labels

CHOICES = ("household_id", "member_id")
CHOICE_ERRORS = {
    0: "请选择申请的困难户，或为会员申请（无困难档案）",
    2: "困难户和会员只能选择一项：请清除其中一项",
}
"""What the choice is told when neither or both are picked (keyed by how many were)."""
ID_NUMBER = re.compile(r"\d{17}[\dX]")


def choice_error(values: dict[str, str]) -> str | None:
    """The Chinese error when not exactly one of household and member is chosen."""
    return CHOICE_ERRORS.get(sum(1 for name in CHOICES if values.get(name)))


def _household_option(household: dict[str, Any]) -> tuple[str, str]:
    level = labels.HARDSHIP_LEVEL.get(household["level"], household["level"])
    status = labels.HOUSEHOLD_STATUS.get(household["status"], household["status"])
    return str(household["id"]), f"{household['head']['name']}（{level}，{status}）"


async def household_choices(api: ServiceApi, chosen: str) -> list[tuple[str, str]]:
    """Households on file in the user's scope, and the one asked for even if no longer filed
    (a back-dated application may be for a household out of hardship since)."""
    page = await api.get("/api/v1/households", status="filed", limit=100)
    choices = [_household_option(h) for h in page["items"]]
    if chosen and chosen not in {value for value, _ in choices}:
        # Not in scope or unknown: left out, and the service names the field when submitted.
        with contextlib.suppress(ApiError):
            choices.insert(0, _household_option(await api.get(f"/api/v1/households/{chosen}")))
    return choices


def member_query(text: str) -> dict[str, str]:
    """A whole ID number finds by ID number (exact, blind index); anything else by name."""
    typed = text.strip().upper()
    return {"id_number": typed} if ID_NUMBER.fullmatch(typed) else {"name": text.strip()}


def _member_option(member: dict[str, Any]) -> tuple[str, str]:
    status = labels.MEMBER_STATUS.get(member["status"], member["status"])
    return str(member["id"]), f"{member['name']}（{member['id_number']}，{status}）"


async def member_choices(api: ServiceApi, chosen: str, query: str) -> list[tuple[str, str]]:
    """Members in the user's scope found by ``query`` (those who left cannot apply), and the
    one chosen if the user may see them."""
    choices: list[tuple[str, str]] = []
    if query.strip():
        with contextlib.suppress(ApiError):  # a query the API refuses finds nobody
            page = await api.get("/api/v1/members", limit=20, **member_query(query))
            choices = [_member_option(m) for m in page["items"] if m["status"] != "left"]
    if chosen and chosen not in {value for value, _ in choices}:
        with contextlib.suppress(ApiError):  # out of scope or unknown: not offered
            choices.insert(0, _member_option(await api.get(f"/api/v1/members/{chosen}")))
    return choices


async def applicant_name(membership: ServiceApi, assistance: ServiceApi,
                         application: dict[str, Any]) -> str:  # fmt: skip
    """Whom the application is for, as the user may see them; blank if they cannot."""
    with contextlib.suppress(ApiError):
        if application.get("household_id"):
            household = await assistance.get(f"/api/v1/households/{application['household_id']}")
            return f"{household['head']['name']}（困难户户主）"
        if application.get("member_id"):
            member = await membership.get(f"/api/v1/members/{application['member_id']}")
            return f"{member['name']}（会员，无困难档案）"
    return ""
