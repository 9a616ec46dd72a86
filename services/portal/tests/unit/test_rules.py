"""The workbench's own rules without servers: passwords, amounts, API errors, the menu."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from portal.adapters.passwords import hash_password, verify_password, weakness
from portal.adapters.services import ApiError, ServiceApi, api_error
from portal.entrypoints.labels import fen_of, yuan
from portal.entrypoints.pages.applications import step_body
from portal.entrypoints.pages.dispute_case import step_body as case_step
from portal.entrypoints.pages.disputes import with_deadline
from portal.entrypoints.pages.training_class import attendance_body
from portal.entrypoints.web import menu_for


def test_passwords_are_argon2id_and_weak_ones_are_named() -> None:
    stored = hash_password("Cadre-pass-2024")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "Cadre-pass-2024")
    assert not verify_password(stored, "cadre-pass-2024")
    assert not verify_password(None, "anything")  # an unknown user never matches
    assert weakness("short1!", "li") == "密码至少 10 位"
    assert weakness("onlyletterslong", "li") == "密码须包含字母、数字、符号中的至少两类"
    assert weakness("wang.cadre-2024", "wang") == "密码不能包含用户名"
    assert weakness("Cadre-pass-2024", "li") is None


def test_amounts_typed_in_yuan_become_fen() -> None:
    assert (fen_of("800"), fen_of("800.5"), fen_of("1,234.56")) == (80_000, 80_050, 123_456)
    assert [fen_of(text) for text in ("", "-1", "1.234", "八百")] == [None] * 4
    assert (yuan(123_456), yuan(5), yuan(None)) == ("1,234.56", "0.05", "")


def test_a_problem_becomes_field_errors_by_field_name() -> None:
    problem = {"title": "请求参数不合法", "detail": "请按 errors 中的说明修改后重试",
               "errors": [{"field": "body.id_number", "message": "身份证号校验位错误"}]}  # fmt: skip
    error = api_error(httpx.Response(422, json=problem))
    assert error.fields == {"id_number": "身份证号校验位错误"}
    assert str(error) == "请求参数不合法：请按 errors 中的说明修改后重试"
    assert api_error(httpx.Response(502, text="bad gateway")).title == "服务返回错误 (502)"


def test_each_step_of_the_chain_sends_what_its_route_takes() -> None:
    assert step_body("grassroots_opinion", {"decision": "yes"}) == {
        "support": True, "reason": None, "note": None}  # fmt: skip
    assert step_body("review", {"decision": "no", "reason": "ineligible"})["passed"] is False
    approve = step_body(
        "approval", {"decision": "yes", "approved_yuan": "800", "budget_org_id": "o"}
    )
    assert approve == {"approved_fen": 80_000, "budget_org_id": "o"}
    assert step_body("approval", {"decision": "yes", "approved_yuan": "x"}) == (
        "请填写核定金额（元，最多两位小数）"
    )
    assert step_body("approval", {"decision": "no"}) == {"reason": "other", "note": None}
    past = {"decision": "yes", "approved_yuan": "800", "budget_org_id": "o",
            "approved_on": "2024-03-10"}  # fmt: skip
    assert step_body("approval", past)["approved_on"] == "2024-03-10"
    assert step_body("review", {"decision": "yes", "reviewed_on": "2024-03-05"})["reviewed_on"] == (
        "2024-03-05"
    )


def test_the_menu_shows_only_what_a_role_may_do() -> None:
    cadre = [item.label for item in menu_for("union_cadre")]
    assert cadre == [
        "待办", "会员", "花名册导入", "组织", "培训班", "就业服务", "招聘信息", "技能竞赛", "统计报表"
    ]  # fmt: skip
    officer = [item.label for item in menu_for("assistance_officer")]
    assert "会员" not in officer
    assert "帮扶申请" in officer
    assert "账号管理" not in officer
    assert "账号管理" in [item.label for item in menu_for("city_admin")]
    mediator = [item.label for item in menu_for("mediator")]
    assert mediator == ["待办", "接待登记", "调解案件", "调解网络"]
    assert "调解案件" in [item.label for item in menu_for("auditor")]
    assert "案件审计" in [item.label for item in menu_for("auditor")]
    assert "案件审计" in [item.label for item in menu_for("city_admin")]
    assert "帮扶预算" in officer
    assert "帮扶预算" in [item.label for item in menu_for("auditor")]  # read only
    assert "帮扶预算" not in mediator
    assert "调解案件" not in officer
    assert "接待登记" not in cadre
    coordinator = [item.label for item in menu_for("training_coordinator")]
    assert coordinator == ["待办", "培训班", "就业服务", "招聘信息", "技能竞赛"]
    assert "培训班" not in officer
    assert "培训班" not in mediator
    assert "招聘信息" not in officer
    assert "招聘信息" in [item.label for item in menu_for("auditor")]  # read only


async def test_a_service_out_of_reach_is_a_refusal_the_page_can_show() -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(unreachable)) as http:
        with pytest.raises(ApiError) as refused:
            await ServiceApi(http, "http://127.0.0.1:1", "token").get("/api/v1/cases")
    assert (refused.value.status, refused.value.title) == (503, "服务暂时无法访问")


def test_the_days_left_of_the_mediation_limit() -> None:
    today = date(2024, 6, 10)
    case = {"status": "mediating", "due_on": "2024-06-12"}
    assert with_deadline(case, today)["days_left"] == 2
    assert with_deadline(case, today)["urgency"] == "due-soon"
    late = with_deadline({**case, "due_on": "2024-06-05"}, today)
    assert (late["days_left"], late["urgency"]) == (-5, "overdue")
    assert with_deadline({**case, "due_on": "2024-06-25"}, today)["urgency"] == ""
    settled = with_deadline({**case, "status": "settled"}, today)  # the clock stopped
    assert (settled["days_left"], settled["urgency"]) == (None, "")


def test_a_settlement_form_becomes_fen_and_both_confirmations() -> None:
    form = {"agreed_yuan": "1,234.5", "terms": "分两期", "signed_on": "2024-06-10",
            "worker_confirmed": "on"}  # fmt: skip
    body = case_step("settle", form)
    assert body["agreed_fen"] == 123_450
    assert (body["worker_confirmed"], body["employer_confirmed"]) == (True, False)
    assert case_step("settle", {**form, "agreed_yuan": "一千"})["agreed_fen"] == -1
    minutes = case_step(
        "record", {"held_on": "2024-06-10", "attendees": "甲\n\n 乙 ", "minutes": "x"}
    )
    assert minutes["attendees"] == ["甲", "乙"]


def test_an_unticked_box_on_the_attendance_sheet_is_absent() -> None:
    seated = [{"id": "a"}, {"id": "b"}]
    assert attendance_body(seated, ["b"]) == {"marks": [
        {"enrolment_id": "a", "mark": "absent"}, {"enrolment_id": "b", "mark": "present"}],
        "taken_on": None}  # fmt: skip
    assert attendance_body(seated, [], "2026-03-02")["taken_on"] == "2026-03-02"  # 补录
