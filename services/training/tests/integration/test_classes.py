"""Classes end to end on real PostgreSQL: capacity and the waiting list under concurrency,
withdrawal, attendance, the completion rule and certificates."""

from __future__ import annotations

import asyncio
import io
from datetime import date, timedelta

import pypdf
import pytest
from shared.identifiers import today_in_china

from services.training.tests.integration.bodies import class_body, person
from services.training.tests.integration.conftest import Api, Tree, start_api, stop_api
from services.training.tests.integration.test_employment import last_event

pytestmark = pytest.mark.integration


async def open_class(api: Api, tree: Tree, **overrides: object) -> str:
    response = await api.post(
        "/api/v1/classes", class_body(tree.union_a, **overrides), headers=tree.coordinator(api),
        expect=201,
    )  # fmt: skip
    return str(response.json()["id"])


async def enrol(api: Api, tree: Tree, class_id: str, n: int) -> dict[str, object]:
    response = await api.post(
        f"/api/v1/classes/{class_id}/enrolments", {"person": person(n)},
        headers=tree.coordinator(api), expect=201,
    )  # fmt: skip
    body: dict[str, object] = response.json()
    return body


async def test_concurrent_enrolments_for_the_last_seat_one_wins_the_rest_wait(
    api: Api, tree: Tree
) -> None:
    class_id = await open_class(api, tree, capacity=3)
    for n in range(2):
        assert (await enrol(api, tree, class_id, n))["status"] == "enrolled"
    answers = await asyncio.gather(*(enrol(api, tree, class_id, n) for n in range(2, 10)))
    statuses = sorted(str(a["status"]) for a in answers)
    assert statuses == ["enrolled"] + ["waitlisted"] * 7
    shown = (await api.get(f"/api/v1/classes/{class_id}", expect=200)).json()
    assert (shown["seats_taken"], shown["waitlisted"]) == (3, 7)


async def test_withdrawal_promotes_the_longest_waiting(api: Api, tree: Tree) -> None:
    class_id = await open_class(api, tree, capacity=1)
    first = await enrol(api, tree, class_id, 1)
    second = await enrol(api, tree, class_id, 2)
    third = await enrol(api, tree, class_id, 3)
    assert (second["status"], third["status"]) == ("waitlisted", "waitlisted")
    headers = tree.coordinator(api)
    await api.post(f"/api/v1/enrolments/{first['id']}/withdraw", {"reason": "employment"},
                   headers=headers, expect=200)  # fmt: skip
    promoted = (await api.get(f"/api/v1/enrolments/{second['id']}", expect=200)).json()
    still = (await api.get(f"/api/v1/enrolments/{third['id']}", expect=200)).json()
    assert (promoted["status"], still["status"]) == ("enrolled", "waitlisted")
    again = await api.post(f"/api/v1/classes/{class_id}/enrolments", {"person": person(2)},
                           headers=headers)  # fmt: skip
    assert again.status_code == 409, again.text


async def test_completion_rule_attendance_share_and_assessment(api: Api, tree: Tree) -> None:
    class_id = await open_class(api, tree, sessions_planned=4, min_attendance_percent=75,
                                assessment_required=True)  # fmt: skip
    people = [str((await enrol(api, tree, class_id, n))["id"]) for n in range(4)]
    headers = tree.coordinator(api)
    # Person 0: 4/4 and passed; 1: 3/4 (one late) and passed; 2: 2/4 and passed; 3: 4/4, failed.
    plan = {0: "pppp", 1: "plap", 2: "paea", 3: "pppp"}
    for session in range(1, 5):
        marks = [
            {"enrolment_id": people[i], "mark": {"p": "present", "a": "absent", "l": "late",
                                                 "e": "excused"}[plan[i][session - 1]]}
            for i in range(4)
        ]  # fmt: skip
        answer = await api.client.put(
            f"/api/v1/classes/{class_id}/sessions/{session}/attendance",
            json={"marks": marks}, headers=headers,
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
    for i, passed in enumerate([True, True, True, False]):
        await api.post(f"/api/v1/enrolments/{people[i]}/assessment", {"passed": passed},
                       headers=headers, expect=200)  # fmt: skip
    done = await api.post(f"/api/v1/classes/{class_id}/complete", headers=headers, expect=200)
    assert done.json() | {"class_id": None} == {
        "class_id": None, "status": "finished", "completed": 2, "not_completed": 2,
        "certificates": 2,
    }  # fmt: skip
    statuses = [(await api.get(f"/api/v1/enrolments/{e}")).json()["status"] for e in people]
    assert statuses == ["completed", "completed", "not_completed", "not_completed"]


async def completed_certificate(api: Api, tree: Tree) -> dict[str, object]:
    class_id = await open_class(api, tree, sessions_planned=1, min_attendance_percent=100)
    enrolment = await enrol(api, tree, class_id, 42)
    headers = tree.coordinator(api)
    marks = {"marks": [{"enrolment_id": enrolment["id"], "mark": "present"}]}
    answer = await api.client.put(
        f"/api/v1/classes/{class_id}/sessions/1/attendance", json=marks, headers=headers
    )
    assert answer.status_code == 200, answer.text
    await api.post(f"/api/v1/classes/{class_id}/complete", headers=headers, expect=200)
    listed = await api.get("/api/v1/certificates", class_id=class_id, expect=200)
    (certificate,) = listed.json()["items"]
    result: dict[str, object] = certificate
    return result


async def test_certificate_verifies_publicly_with_the_name_masked_and_revocation_shows(
    api: Api, tree: Tree
) -> None:
    certificate = await completed_certificate(api, tree)
    number = str(certificate["number"])
    public = await api.client.get("/api/v1/certificate-verification", params={"number": number})
    assert public.status_code == 200, public.text
    answer = public.json()
    assert (answer["genuine"], answer["status"]) == (True, "valid")
    full_name = person(42)["name"]
    assert answer["holder"] == full_name[0] + "*" * (len(full_name) - 1)
    assert answer["class_title"] == "电工上岗证培训第3期"
    typed = number.lower().replace("-", " ")
    again = await api.client.get("/api/v1/certificate-verification", params={"number": typed})
    assert again.json()["genuine"] is True
    page = await api.client.get("/verify", params={"number": number})
    assert page.status_code == 200
    assert "证书真实有效" in page.text
    assert full_name not in page.text
    # A public page: nothing loads from elsewhere and no other site may frame it.
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert '<link rel="icon" href="data:image/svg+xml,' in page.text
    await api.post(f"/api/v1/certificates/{certificate['id']}/revoke", {"reason": "fraud"},
                   headers=tree.coordinator(api), expect=200)  # fmt: skip
    revoked = (await api.client.get("/api/v1/certificate-verification",
                                    params={"number": number})).json()  # fmt: skip
    assert (revoked["genuine"], revoked["status"], revoked["message"]) == (
        True, "revoked", "该证书已被撤销",
    )  # fmt: skip


async def test_forged_or_guessed_numbers_are_rejected(api: Api, tree: Tree) -> None:
    from training.domain.classes.certificate_number import ALPHABET, check_char

    certificate = await completed_certificate(api, tree)
    number = str(certificate["number"]).replace("-", "")
    body = number[2:-1]
    swapped = body[:-1] + ALPHABET[(ALPHABET.index(body[-1]) + 1) % 32]
    forged_check = "GH" + swapped + number[-1]  # one character changed, old check character
    guessed = "GH" + swapped + check_char(swapped)  # well formed, never issued
    for attempt, message in [
        (forged_check, "证书编号格式或校验位错误，不是有效的证书编号"),
        (guessed, "查无此证书"),
        ("GH-0000-0000", "证书编号格式或校验位错误，不是有效的证书编号"),
        ("' OR 1=1 --", "证书编号格式或校验位错误，不是有效的证书编号"),
    ]:
        answer = await api.client.get("/api/v1/certificate-verification",
                                      params={"number": attempt})  # fmt: skip
        assert answer.status_code == 200, answer.text
        assert (answer.json()["genuine"], answer.json()["message"]) == (False, message)


async def test_certificate_pdf_is_readable_chinese(api: Api, tree: Tree) -> None:
    certificate = await completed_certificate(api, tree)
    answer = await api.client.get(
        f"/api/v1/certificates/{certificate['id']}/pdf", headers=tree.coordinator(api)
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(answer.content)).pages[0].extract_text()
    assert "结业证书" in text
    assert person(42)["name"] in text
    assert "电工上岗证培训第3期" in text
    assert str(certificate["number"]) in text


async def test_public_checks_beyond_the_minutes_allowance_are_refused(
    database_url: str, nats_url: str
) -> None:
    api, lifespan = await start_api(database_url, nats_url, certificate_checks_per_minute=3)
    try:
        for _ in range(3):
            allowed = await api.client.get("/api/v1/certificate-verification",
                                           params={"number": "GH-0000-0000"})  # fmt: skip
            assert allowed.status_code == 200, allowed.text
        refused = await api.client.get("/verify", params={"number": "GH-0000-0000"})
        assert refused.status_code == 429
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["title"] == "查询过于频繁"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
    finally:
        await stop_api(api, lifespan)


async def test_the_allowance_is_shared_by_every_api_process(
    database_url: str, nats_url: str
) -> None:
    first, first_life = await start_api(database_url, nats_url, certificate_checks_per_minute=4)
    second, second_life = await start_api(database_url, nats_url, certificate_checks_per_minute=4)
    path, params = "/api/v1/certificate-verification", {"number": "GH-0000-0000"}
    try:
        answers = await asyncio.gather(
            *(replica.client.get(path, params=params) for replica in (first, second) * 4)
        )
        assert sorted(a.status_code for a in answers) == [200] * 4 + [429] * 4
        again = await first.client.get(path, params=params)
        assert again.status_code == 429  # a refused call is not counted, the wait stays
        assert 1 <= int(again.headers["retry-after"]) <= 60
    finally:
        await stop_api(first, first_life)
        await stop_api(second, second_life)


async def test_an_enrolment_filled_on_paper_keeps_its_own_date(api: Api, tree: Tree) -> None:
    today = today_in_china()
    class_id = await open_class(api, tree, starts_on=str(today - timedelta(days=20)),
                                ends_on=str(today - timedelta(days=2)))  # fmt: skip
    headers, path = tree.coordinator(api), f"/api/v1/classes/{class_id}/enrolments"
    on = today - timedelta(days=30)
    made = await api.post(path, {"person": person(1), "enrolled_on": str(on)}, headers=headers,
                          expect=201)  # fmt: skip
    assert made.json()["enrolled_on"] == str(on)
    assert (await last_event(api, "training.enrolment.enrolled"))["occurred_on"] == str(on)
    for wrong in (
        today + timedelta(days=1),
        date(2014, 12, 31),  # before the history limit TRAINING_HISTORY_FROM (2015-01-01)
        today - timedelta(days=1),
    ):
        refused = await api.post(path, {"person": person(2), "enrolled_on": str(wrong)},
                                 headers=headers, expect=422)  # fmt: skip
        assert [e["field"] for e in refused.json()["errors"]] == ["enrolled_on"], wrong
    undated = await api.post(path, {"person": person(3)}, headers=headers, expect=201)
    assert undated.json()["enrolled_on"] == str(today)


async def test_a_class_finished_earlier_completes_on_its_own_date(api: Api, tree: Tree) -> None:
    today = today_in_china()
    starts_on, ends_on = today - timedelta(days=40), today - timedelta(days=10)
    class_id = await open_class(api, tree, sessions_planned=1, min_attendance_percent=100,
                                starts_on=str(starts_on), ends_on=str(ends_on))  # fmt: skip
    enrolment = await enrol(api, tree, class_id, 43)
    headers, path = tree.coordinator(api), f"/api/v1/classes/{class_id}/complete"
    marks = {"marks": [{"enrolment_id": enrolment["id"], "mark": "present"}]}
    answer = await api.client.put(
        f"/api/v1/classes/{class_id}/sessions/1/attendance", json=marks, headers=headers
    )
    assert answer.status_code == 200, answer.text
    for wrong in (today + timedelta(days=1), starts_on - timedelta(days=1)):
        refused = await api.post(path, {"completed_on": str(wrong)}, headers=headers, expect=422)
        assert [e["field"] for e in refused.json()["errors"]] == ["completed_on"], wrong
    done = await api.post(path, {"completed_on": str(ends_on)}, headers=headers, expect=200)
    assert done.json()["certificates"] == 1
    closed = (await api.get(f"/api/v1/enrolments/{enrolment['id']}", expect=200)).json()
    assert (closed["status"], closed["closed_on"]) == ("completed", str(ends_on))
    (certificate,) = (await api.get("/api/v1/certificates", class_id=class_id)).json()["items"]
    assert certificate["issued_on"] == str(ends_on)
    assert (await last_event(api, "training.enrolment.completed"))["occurred_on"] == str(ends_on)
