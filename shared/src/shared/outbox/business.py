"""Business metrics: the work the platform did, counted as its facts are published.

Dashboards should show the work, not only the machines: members admitted, aid paid in fen,
cases accepted. Every integration event is such a fact, so the relay counts each event it has
published (``unionhub_business_events_total{service, event_type}``) and adds up the amounts in
fen it carries (``unionhub_business_amount_fen_total{…, field}``, one series per ``*_fen``
field). Counting at publication counts a fact once whichever route, batch or consumer wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson

from shared.metrics import BUSINESS_AMOUNT_FEN, BUSINESS_EVENTS

_AMOUNT_SUFFIX = "_fen"


def count_published(published: Iterable[tuple[str, str]]) -> None:
    """Count published events.

    Args:
        published: (subject, CloudEvents envelope as JSON text) of each event published.
    """
    # Added up per series first: a relay pass carries hundreds of events of a few types, and
    # each labelled increment takes the metric's lock.
    events: Counter[tuple[str, str]] = Counter()
    amounts: Counter[tuple[str, str, str]] = Counter()
    for subject, envelope in published:
        event_type = subject.rpartition(".v")[0] or subject
        service = event_type.partition(".")[0]
        events[service, event_type] += 1
        if f'{_AMOUNT_SUFFIX}"' in envelope:  # parsed only when an amount may be there
            for field, fen in _amounts(envelope):
                amounts[service, event_type, field] += fen
    for labels, count in events.items():
        BUSINESS_EVENTS.labels(*labels).inc(count)
    for amount_labels, fen in amounts.items():
        BUSINESS_AMOUNT_FEN.labels(*amount_labels).inc(fen)


def _amounts(envelope: str) -> list[tuple[str, int]]:
    data: Any = orjson.loads(envelope).get("data")
    if not isinstance(data, dict):
        return []
    return [
        (field, value)
        for field, value in data.items()
        if field.endswith(_AMOUNT_SUFFIX) and isinstance(value, int) and value > 0
    ]
