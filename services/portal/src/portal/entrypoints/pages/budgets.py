"""帮扶资金预算: an organisation's yearly budget per programme as assistance gives it (amount,
reserved by approvals, paid, available), and the form setting one for the roles that may."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from shared.identifiers import today_in_china

from portal.adapters.accounts import Account
from portal.adapters.services import ApiError
from portal.entrypoints import labels
from portal.entrypoints.session import Form, container_of, require
from portal.entrypoints.web import BUDGET_READERS, BUDGET_WRITERS, redirect, render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Account, require(*BUDGET_READERS)]
Writer = Annotated[Account, require(*BUDGET_WRITERS)]
FIELDS = ("org_id", "programme", "year", "amount_yuan")
AMOUNT_ERROR = "请填写预算总额（元，不小于 0，最多两位小数）"
BLANK = {"org_id": "请选择预算组织", "programme": "请选择帮扶项目", "year": "请填写预算年度"}
"""What a field left blank is told, rather than the schema's words for a missing value."""


def year_of(text: str) -> int:
    """The year asked for, or this year (China's) when none or not a year."""
    cleaned = text.strip()
    return int(cleaned) if cleaned.isdigit() and 2000 <= int(cleaned) <= 2100 else (
        today_in_china().year
    )  # fmt: skip


def budget_body(values: dict[str, str]) -> dict[str, Any]:
    """The API body; an amount or year that is not one goes as typed for the service to name."""
    fen = labels.fen_of(values["amount_yuan"])
    year = values["year"]
    return {
        "org_id": values["org_id"] or None,
        "programme": values["programme"] or None,
        "year": int(year) if year.isdigit() else (year or None),
        "amount_fen": fen,
    }


def form_errors(exc: ApiError, values: dict[str, str]) -> dict[str, str]:
    """The service's field errors under the form's names, blanks and the amount in its words."""
    errors = {("amount_yuan" if k == "amount_fen" else k): v for k, v in exc.fields.items()}
    if "amount_yuan" in errors and labels.fen_of(values["amount_yuan"]) is None:
        errors["amount_yuan"] = AMOUNT_ERROR
    errors.update(
        {name: text for name, text in BLANK.items() if name in errors and not values[name]}
    )
    return errors


async def _page(request: Request, user: Account, year: int, status: int = 200,
                **context: Any) -> Response:  # fmt: skip
    container = container_of(request)
    budgets = await container.api(user, "assistance").get("/api/v1/budgets", year=year, limit=500)
    organisations = await container.api(user, "membership").get("/api/v1/organisations", limit=500)
    names = {org["id"]: org["name"] for org in organisations["items"]}
    context.setdefault("values", {"year": str(year)})
    return render(request, "budgets/index.html", status, year=year, budgets=budgets["items"],
                  names=names, organisations=organisations["items"], labels=labels,
                  writer=user.role in BUDGET_WRITERS, **context)  # fmt: skip


@router.get("/budgets")
async def budgets_page(request: Request, user: Reader, year: str = "") -> Response:
    """帮扶资金预算 of a year in the user's scope."""
    return await _page(request, user, year_of(year))


@router.post("/budgets")
async def set_budget(request: Request, form: Form, user: Writer) -> Response:
    """设置年度预算: a new budget, or a new total for one already set."""
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    api = container_of(request).api(user, "assistance")
    try:
        budget = await api.post("/api/v1/budgets", budget_body(values),
                                key=str(form.get("form_key") or ""))  # fmt: skip
    except ApiError as exc:
        return await _page(request, user, year_of(values["year"]), 422, values=values,
                           errors=form_errors(exc, values), api_error=exc)  # fmt: skip
    note = f"已设置 {budget['year']} 年度{budget['programme_label']}预算 {labels.yuan(budget['amount_fen'])} 元"
    return redirect(f"/budgets?year={budget['year']}", note)
