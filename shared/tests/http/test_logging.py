"""JSON log lines: trace ids inside spans, event ids from ``extra``, PII masked."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from shared.logging import configure_logging
from shared.telemetry import setup_tracing, tracer


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure_logging("logging-test", "DEBUG", stream=stream)
    yield stream
    configure_logging("logging-test", "INFO")


def parsed(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_record_inside_a_span_carries_its_trace_and_span_ids(lines: io.StringIO) -> None:
    setup_tracing("logging-test")
    log = logging.getLogger("membership.handlers")

    with tracer("test").start_as_current_span("admit member") as span:
        log.info("member admitted", extra={"event_id": "9b2c", "org_count": 3})
    log.warning("outside any span")

    # Only this logger's lines: at DEBUG, background tasks of earlier tests may log too.
    inside, outside = [r for r in parsed(lines) if r["logger"] == "membership.handlers"]
    context = span.get_span_context()
    assert inside["trace_id"] == format(context.trace_id, "032x")
    assert inside["span_id"] == format(context.span_id, "016x")
    assert inside["event_id"] == "9b2c"
    assert inside["org_count"] == 3
    assert inside["message"] == "member admitted"
    assert inside["level"] == "INFO"
    assert inside["logger"] == "membership.handlers"
    assert inside["service"] == "logging-test"
    assert outside["trace_id"] is None
    assert "event_id" not in outside


def test_id_numbers_and_mobiles_are_masked(lines: io.StringIO) -> None:
    log = logging.getLogger("membership.import")

    log.info("row 7: 身份证 %s 手机 %s", "11010119900307123X", "13812345678")
    log.info("member", extra={"note": "call 13912345678"})
    try:
        raise ValueError("duplicate 110101199003071234")
    except ValueError:
        log.exception("import failed")

    first, second, third = parsed(lines)
    assert first["message"] == "row 7: 身份证 110101********123X 手机 138****5678"
    assert second["note"] == "call 139****5678"
    assert "110101199003071234" not in third["exception"]
    assert "110101********1234" in third["exception"]


def test_longer_digit_runs_are_left_alone(lines: io.StringIO) -> None:
    logging.getLogger("x").info("order 1381234567890 card 1101011990030712345")

    assert parsed(lines)[0]["message"] == "order 1381234567890 card 1101011990030712345"


def test_configuring_twice_keeps_one_handler(lines: io.StringIO) -> None:
    configure_logging("logging-test", "DEBUG", stream=lines)
    logging.getLogger("y").info("once")

    assert [line["message"] for line in parsed(lines)] == ["once"]


def test_a_malformed_logging_call_does_not_raise_into_the_caller(
    lines: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging, "raiseExceptions", False)  # the handler's report is not tested

    logging.getLogger("z").info("%s and %s", "only one")

    assert lines.getvalue() == ""


def test_the_servers_coloured_repeat_and_terminal_codes_stay_out_of_json(
    lines: io.StringIO,
) -> None:
    log = logging.getLogger("uvicorn.error")
    coloured = "Started server process [\x1b[36m42\x1b[0m]"
    log.info("Started server process [%s]", "\x1b[36m42\x1b[0m", extra={"color_message": coloured})

    (line,) = [r for r in parsed(lines) if r["logger"] == "uvicorn.error"]
    assert line["message"] == "Started server process [42]"
    assert "color_message" not in line
    assert "\x1b" not in lines.getvalue()
