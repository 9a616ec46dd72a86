"""Who may see hardship files, the access log of every read, and no PII in events."""

from __future__ import annotations

import pytest
from shared.contracts import CloudEvent
from shared.identifiers import today_in_china

from .bodies import household_body, person
from .conftest import Api, Tree
from .probes import assert_problem, count, fetch, stream_messages

pytestmark = pytest.mark.integration
BASE = "/api/v1/households"


async def on_file(api: Api, tree: Tree, seq: int, org: str) -> str:
    officer = tree.officer(api, org)
    body = household_body(seq, org_id=org)
    hid = (await api.post(BASE, body, headers=officer, expect=201)).json()["id"]
    await api.post(f"{BASE}/{hid}/submit", headers=officer, expect=200)
    await api.post(f"{BASE}/{hid}/file", headers=officer, expect=200)
    return str(hid)


async def test_other_communities_and_other_roles_cannot_see_a_household(
    api: Api, tree: Tree
) -> None:
    hid = await on_file(api, tree, 1, tree.union_a)
    other = tree.officer(api, tree.community_b)
    assert_problem(await api.get(f"{BASE}/{hid}", headers=other), 404)
    assert (await api.get(BASE, headers=other, expect=200)).json()["total"] == 0
    assert_problem(await api.post(f"{BASE}/{hid}/exit", {"reason": "other"}, headers=other), 404)
    for role in ("union_cadre", "analyst", "mediator", "training_coordinator"):
        outsider = api.token(role, tree.community_a)
        assert_problem(await api.get(BASE, headers=outsider), 403)
        assert_problem(await api.get(f"{BASE}/{hid}", headers=outsider), 403)
        assert_problem(
            await api.post(BASE, household_body(2, org_id=tree.union_a), headers=outsider), 403
        )
    auditor = api.token("auditor", tree.street)
    assert (await api.get(f"{BASE}/{hid}", headers=auditor, expect=200)).json()["id"] == hid
    assert_problem(await api.post(f"{BASE}/{hid}/exit", {"reason": "other"}, headers=auditor), 403)
    assert_problem(
        await api.post(BASE, household_body(3, org_id=tree.union_b), headers=tree.officer(api)),
        403,
        field="org_id",
    )


async def test_masked_unless_an_officer_reveals(api: Api, tree: Tree) -> None:
    hid = await on_file(api, tree, 4, tree.union_a)
    masked = (await api.get(f"{BASE}/{hid}", headers=tree.officer(api), expect=200)).json()
    assert masked["head"]["id_number"] != person(4)
    assert masked["head"]["phone"] == "139****5678"
    assert masked["family"][0]["name"] == "王**"
    shown = (
        await api.get(f"{BASE}/{hid}", headers=tree.officer(api), expect=200, reveal="true")
    ).json()
    assert (shown["head"]["name"], shown["head"]["id_number"], shown["revealed"]) == (
        "李4明",
        person(4),
        True,
    )
    auditor = api.token("auditor", tree.street)
    not_for_auditors = (
        await api.get(f"{BASE}/{hid}", headers=auditor, expect=200, reveal="true")
    ).json()
    assert not_for_auditors["head"]["id_number"] != person(4)
    assert not_for_auditors["revealed"] is False


async def test_every_household_read_is_in_the_access_log(
    api: Api, tree: Tree, database_url: str
) -> None:
    first = await on_file(api, tree, 5, tree.union_a)
    second = await on_file(api, tree, 6, tree.union_a)
    before = await count(database_url, "access_log")  # the commands' responses were logged too
    officer = tree.officer(api)
    await api.get(f"{BASE}/{first}", headers=officer, expect=200)
    await api.get(f"{BASE}/{first}", headers=officer, expect=200, reveal="true")
    page = (await api.get(BASE, headers=officer, expect=200)).json()
    assert len(page["items"]) == 2
    await api.get(BASE, headers=tree.officer(api, tree.community_b), expect=200)  # sees none
    assert await count(database_url, "access_log") == before + 4
    auditor = api.token("auditor", tree.street)
    log = (
        await api.get("/api/v1/access-log", headers=auditor, expect=200, household_id=first)
    ).json()
    actions = [row["action"] for row in log["items"]]
    assert actions[:3] == ["list", "detail:reveal", "detail"]
    assert [row["revealed"] for row in log["items"][:3]] == [False, True, False]
    assert log["items"][0]["subject"] == f"assistance_officer-{tree.community_a}"
    assert log["items"][0]["roles"] == ["assistance_officer"]
    assert all(len(row["trace_id"] or "") == 32 for row in log["items"])
    by_subject = (
        await api.get("/api/v1/access-log", headers=auditor, expect=200, household_id=second)
    ).json()
    assert by_subject["items"][0]["action"] == "list"
    assert_problem(await api.get("/api/v1/access-log", headers=officer), 403)
    assert_problem(
        await api.get("/api/v1/access-log", headers=api.token("union_cadre", tree.city)), 403
    )


async def test_events_and_outbox_carry_no_personal_data(
    api: Api, tree: Tree, database_url: str, nats_url: str
) -> None:
    hid = await on_file(api, tree, 7, tree.union_a)
    officer = tree.officer(api)
    await api.post(
        f"{BASE}/{hid}/reverify",
        {"level": "relative", "monthly_income_per_capita_fen": 1},
        headers=officer,
        expect=200,
    )
    visit = {
        "occasion": "hospital",
        "visited_on": str(today_in_china()),
        "household_id": hid,
        "note": "李7明住院",
    }
    await api.post("/api/v1/visits", visit, headers=officer, expect=201)
    await api.post(f"{BASE}/{hid}/exit", {"reason": "recovered"}, headers=officer, expect=200)
    assert await api.relay() == 4  # filed, reverified, visit recorded, exited
    messages = await stream_messages(nats_url)
    assert len(messages) >= 3
    secrets = ["李7明", "王7芳", person(7), person(7 + 5000), "13912345678", "汉中门大街"]
    for _, raw in messages:
        text = raw.decode()
        decoded = CloudEvent.model_validate_json(raw).model_dump_json()
        for secret in secrets:
            assert secret not in text
            assert secret not in decoded
    rows = await fetch(database_url, "SELECT payload::text AS p FROM outbox")
    assert all(secret not in row["p"] for row in rows for secret in secrets)


async def test_visits_and_applications_shown_about_a_household_are_file_reads(
    api: Api, tree: Tree, database_url: str
) -> None:
    """A visit's note or an application says as much about a household as its file does."""
    from .aid_flow import submit

    hid = await on_file(api, tree, 7, tree.union_a)
    other = await on_file(api, tree, 8, tree.union_a)
    officer = tree.officer(api)
    visit = {"occasion": "festival", "visited_on": str(today_in_china()), "household_id": hid}
    await api.post("/api/v1/visits", {**visit, "note": "慰问"}, headers=officer, expect=201)
    application = await submit(api, tree, hid)
    auditor = api.token("auditor", tree.street)

    await api.get("/api/v1/visits", headers=auditor, expect=200, household_id=hid)
    await api.get("/api/v1/applications", headers=auditor, expect=200, household_id=hid)
    await api.get(f"/api/v1/applications/{application}", headers=auditor, expect=200)

    read = await fetch(
        database_url,
        "SELECT action FROM access_log WHERE household_id = $1 AND subject = $2 ORDER BY id",
        hid,
        f"auditor-{tree.street}",
    )
    assert [row["action"] for row in read] == ["visits", "applications", "application"]
    untouched = await fetch(
        database_url, "SELECT 1 FROM access_log WHERE household_id = $1 AND subject = $2",
        other, f"auditor-{tree.street}",
    )  # fmt: skip
    assert untouched == []
