"""JSON-lines logging on stdout with trace ids and a last line of defence against PII.

Each line: ``time``, ``level``, ``logger``, ``message``, ``service``, ``trace_id``, ``span_id``,
``event_id`` (when given in ``extra``), any other ``extra`` fields, and ``exception`` when
logged with one; never terminal colour codes. Personal data must never be logged; should an 18-character ID number or an
11-digit mobile number slip into a line anyway, it is masked before it is written.
"""

from __future__ import annotations

import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson
from opentelemetry import trace

from shared.pii import mask_id_number, mask_mobile

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
# Attributes every LogRecord has, and those this module sets; anything else came from ``extra``.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None)))
_STANDARD_ATTRIBUTES = _RECORD_ATTRIBUTES | {
    "message",
    "asctime",
    "trace_id",
    "span_id",
    "event_id",
}
# uvicorn repeats its message with terminal colours in ``color_message``: not for a JSON line.
_DROPPED_EXTRAS = frozenset({"color_message"})
_NOT_WRITTEN_AS_EXTRAS = _STANDARD_ATTRIBUTES | _DROPPED_EXTRAS
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Loggers of the ASGI server, routed through the JSON handler; its access log is replaced by ours.
_SERVER_LOGGERS = ("uvicorn", "uvicorn.error")


def redact(text: str) -> str:
    """Mask ID numbers and mobile numbers found in ``text``."""
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group()), text)
    return MOBILE.sub(lambda m: mask_mobile(m.group()), text)


class TraceContextFilter(logging.Filter):
    """Stamp records with the current trace and span ids (unless ``extra`` set them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = trace.get_current_span().get_span_context()
        if not hasattr(record, "trace_id"):
            record.trace_id = format(context.trace_id, "032x") if context.is_valid else None
        if not hasattr(record, "span_id"):
            record.span_id = format(context.span_id, "016x") if context.is_valid else None
        return True


class PiiRedactionFilter(logging.Filter):
    """Mask ID numbers and mobiles in the message and in string ``extra`` fields.

    The record itself is rewritten, so handlers that run after this one see masked text too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed call: let the handler report it the usual way
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, redact(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the exception text is redacted like the message."""

    def __init__(self, service_name: str) -> None:
        super().__init__()
        self.service_name = service_name

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": ANSI_ESCAPE.sub("", record.getMessage()),
            "service": self.service_name,
            "trace_id": getattr(record, "trace_id", None),
            "span_id": getattr(record, "span_id", None),
        }
        event_id = getattr(record, "event_id", None)
        if event_id is not None:
            line["event_id"] = str(event_id)
        for name, value in vars(record).items():
            if name not in _NOT_WRITTEN_AS_EXTRAS and not name.startswith("_"):
                line.setdefault(name, value)  # an extra never overrides a standard field
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return orjson.dumps(line, default=str).decode()


class _JsonHandler(logging.StreamHandler[TextIO]):
    """The handler this module installs (configuring again replaces it).

    Without an explicit stream it writes to whatever ``sys.stdout`` is at the time, so a
    replaced standard output (a test runner's capture) never leaves it writing to a closed one.
    """

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__(stream or sys.stdout)
        self._follows_stdout = stream is None

    def emit(self, record: logging.LogRecord) -> None:
        if self._follows_stdout:
            self.stream = sys.stdout
        super().emit(record)


def configure_logging(
    service_name: str, level: str | int = "INFO", stream: TextIO | None = None
) -> None:
    """Send the root logger's records to ``stream`` (stdout) as JSON lines.

    Safe to call more than once: the handler installed by an earlier call is replaced, other
    handlers are left alone. uvicorn's own loggers are routed here too, and its access log is
    switched off: the application writes its own (see ``shared.http.middleware``).

    Args:
        service_name: the ``service`` field of every line.
        level: the root logger's level.
        stream: where lines go; standard output unless given.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _JsonHandler)]:
        root.removeHandler(handler)
    handler = _JsonHandler(stream)
    handler.addFilter(TraceContextFilter())
    handler.addFilter(PiiRedactionFilter())
    handler.setFormatter(JsonFormatter(service_name))
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name in _SERVER_LOGGERS:
        server_logger = logging.getLogger(name)
        server_logger.handlers.clear()
        server_logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
