"""Business metrics count published facts and add up their amounts in fen."""

from __future__ import annotations

import orjson
from prometheus_client import REGISTRY
from shared.outbox.business import count_published


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _envelope(data: object) -> str:
    return orjson.dumps({"type": "x", "data": data}).decode()


def test_each_fact_is_counted_and_its_fen_fields_added_up() -> None:
    paid = {"service": "assistance", "event_type": "assistance.aid.paid"}
    amount = {**paid, "field": "amount_fen"}
    events_before = _sample("unionhub_business_events_total", **paid)
    fen_before = _sample("unionhub_business_amount_fen_total", **amount)

    count_published(
        [
            ("assistance.aid.paid.v1", _envelope({"amount_fen": 50_000, "household_id": "h"})),
            ("assistance.aid.paid.v1", _envelope({"amount_fen": 12_345, "note_fen": "text"})),
            ("membership.member.admitted.v1", _envelope({"member_id": "m"})),
        ]
    )

    assert _sample("unionhub_business_events_total", **paid) == events_before + 2
    assert _sample("unionhub_business_amount_fen_total", **amount) == fen_before + 62_345
    admitted = {"service": "membership", "event_type": "membership.member.admitted"}
    assert _sample("unionhub_business_events_total", **admitted) >= 1
    assert (
        REGISTRY.get_sample_value(
            "unionhub_business_amount_fen_total", {**paid, "field": "note_fen"}
        )
        is None
    )  # not an amount: never a series
