"""延期理由: an extension of the 15-day limit records why (a code and a sealed note), shows it in
the case and its history, publishes the code only, and refuses a missing or wrong reason with
nothing written; extensions recorded before reasons were asked read back as unknown (未记录)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from disputes.config import MIGRATIONS_DIR
from disputes.domain.cases.history import entry_hash
from shared.contracts import disputes as contracts
from shared.contracts.envelope import CloudEvent
from shared.testing.pii_scan import find_in_clear

from .conftest import Api, World
from .flow import TODAY, outbox, receive, step
from .test_case_lifecycle import _refused
from .test_history_chain import _verification, _verify_cli

NOTE = "申请人王建国住院治疗，出院后继续调解"


async def _accepted(api: Api, world: World) -> tuple[str, date]:
    case = await receive(api, world)
    accepted = await step(api, case["id"], "accept", {"accepted_on": TODAY.isoformat()})
    return str(case["id"]), date.fromisoformat(accepted["due_on"])


def _extension(due: date, **extra: Any) -> dict[str, Any]:
    return {"due_on": (due + timedelta(days=10)).isoformat(), "both_parties_agreed": True, **extra}


async def test_an_extension_keeps_its_reason_and_publishes_the_code_only(
    api: Api, world: World, database_url: str, nats_url: str
) -> None:
    cid, due = await _accepted(api, world)
    body = _extension(due, reason="other", note=NOTE)
    extended = await step(api, cid, "extension", body, headers=world.mediator_token(api))
    assert extended["due_on"] == body["due_on"]
    assert [(x["no"], x["reason"], x["note"]) for x in extended["extensions"]] == [
        (1, "other", None)  # the note is a text: shown only when revealed
    ]
    revealed = await api.get(f"/api/v1/cases/{cid}", reveal=True, expect=200)
    (shown,) = revealed.json()["extensions"]
    assert (shown["reason"], shown["note"], shown["agreed_on"]) == (
        "other",
        NOTE,
        TODAY.isoformat(),
    )

    history = (await api.get(f"/api/v1/cases/{cid}/history", expect=200)).json()
    entry = history[-1]
    assert (entry["action"], entry["payload"]["reason"]) == ("DeadlineExtended", "other")
    assert NOTE not in json.dumps(history, ensure_ascii=False)
    assert (await _verification(api, world))["intact"] is True
    status, output = await _verify_cli(database_url, nats_url)
    assert status == 0, output

    assert await api.relay() >= 1
    subject = contracts.DeadlineExtended.subject()
    message = await api.nc.jetstream().get_last_msg("DISPUTES", subject)
    published = CloudEvent.model_validate_json(message.data)
    assert (published.dataversion, published.data["reason"]) == (2, "other")
    assert published.data["case_id"] == cid
    assert "note" not in published.data
    assert NOTE not in message.data.decode()
    assert await find_in_clear(database_url, [NOTE, "王建国住院"]) == []


async def test_a_missing_unknown_or_unexplained_reason_is_refused(api: Api, world: World) -> None:
    cid, due = await _accepted(api, world)
    await _refused(api, cid, "extension", _extension(due), "body.reason")
    await _refused(api, cid, "extension", _extension(due, reason="weather"), "body.reason")
    await _refused(api, cid, "extension", _extension(due, reason="unknown"), "body.reason")
    await _refused(api, cid, "extension", _extension(due, reason="other"), "note")
    await _refused(api, cid, "extension", _extension(due, reason="other", note="  "), "note")
    await _refused(
        api, cid, "extension", _extension(due, reason="other", note="长" * 501), "body.note"
    )
    refused = await api.post(f"/api/v1/cases/{cid}/extension", _extension(due, reason="other"))
    assert "其他" in refused.json()["errors"][0]["message"]
    case = (await api.get(f"/api/v1/cases/{cid}", expect=200)).json()
    assert (case["due_on"], case["extensions"]) == (due.isoformat(), [])
    assert [e for e in await outbox(api) if e["type"].endswith("deadline_extended")] == []


async def test_an_extension_from_before_reasons_reads_back_as_unknown(
    api: Api, world: World, database_url: str, nats_url: str
) -> None:
    cid, due = await _accepted(api, world)
    await _old_extension(api, UUID(cid), due + timedelta(days=5))
    case = (await api.get(f"/api/v1/cases/{cid}", expect=200)).json()
    assert case["extensions"] == [
        {
            "no": 1,
            "agreed_on": TODAY.isoformat(),
            "due_on": (due + timedelta(days=5)).isoformat(),
            "reason": "unknown",
            "note": None,
        }
    ]
    later = await step(api, cid, "extension", _extension(due, reason="party_request"))
    assert [x["reason"] for x in later["extensions"]] == ["unknown", "party_request"]
    assert (await _verification(api, world))["intact"] is True
    status, output = await _verify_cli(database_url, nats_url)
    assert status == 0, output


async def _old_extension(api: Api, case_id: UUID, due_on: date) -> None:
    """An extension as the service wrote it before reasons: a chained history entry without a
    reason and no extensions on the case; then migration 021's rebuild of the extensions."""
    payload = {"org_id": "", "occurred_on": TODAY.isoformat(), "due_on": due_on.isoformat()}
    rebuild = (MIGRATIONS_DIR / "021_extension_reasons.sql").read_text(encoding="utf-8")
    async with api.container.pool.acquire() as conn, conn.transaction():
        head = await conn.fetchrow(
            "SELECT org_id, history_seq, history_head FROM cases WHERE id = $1", case_id
        )
        payload["org_id"] = str(head["org_id"])
        seq, at = head["history_seq"] + 1, datetime.now(UTC)
        actor, action = "mediator-old", "DeadlineExtended"
        digest = entry_hash(head["history_head"], case_id, seq, at, actor, action, payload)
        await conn.execute(
            "INSERT INTO case_history VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)",
            case_id, seq, at, actor, action, payload, head["history_head"], digest,
        )  # fmt: skip
        await conn.execute(
            "UPDATE cases SET history_seq = $2, history_head = $3, due_on = $4,"
            " extensions = '[]', version = version + 1 WHERE id = $1",
            case_id, seq, digest, due_on,
        )  # fmt: skip
        await conn.execute(rebuild[rebuild.index("UPDATE cases") :])
