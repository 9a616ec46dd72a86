"""The AsyncAPI 3.0 description of the integration events (``docs/asyncapi.yaml``).

The YAML is written by a small emitter of our own: the platform kit has no YAML dependency, and
the document is plain mappings, sequences and scalars.
"""

from __future__ import annotations

import json
import math
import re
from importlib.metadata import version as package_version
from typing import Any

from shared.contracts.catalogue_entries import CatalogueEntry, JsonSchema, inline_definitions
from shared.contracts.catalogue_markdown import ENVELOPE_ATTRIBUTES, REQUIRED_ATTRIBUTES
from shared.contracts.envelope import CloudEvent

PAYLOAD_FORMAT = "application/schema+json;version=draft-2020-12"
HEADERS_SCHEMA: JsonSchema = {
    "type": "object",
    "description": "NATS 消息头。 NATS message headers.",
    "properties": {
        "Nats-Msg-Id": {
            "type": "string",
            "description": "等于 CloudEvent `id`,JetStream 在去重窗口内丢弃重复发布。 "
            "Equal to the CloudEvent `id`; JetStream drops duplicates inside its window.",
        },
        "traceparent": {"type": "string", "description": "W3C Trace Context traceparent."},
        "tracestate": {"type": "string", "description": "W3C Trace Context tracestate."},
    },
    "required": ["Nats-Msg-Id"],
}
SERVERS: JsonSchema = {
    "production": {
        "host": "nats.unionhub.svc.cluster.local:4222",
        "protocol": "nats",
        "description": "生产 NATS JetStream 集群(3 副本)。 Production NATS JetStream cluster "
        "(3 replicas, deploy/platform/nats).",
    },
    "local": {
        "host": "127.0.0.1:4222",
        "protocol": "nats",
        "description": "`make run` 启动的本地 NATS。 The local NATS started by `make run`.",
    },
}


def asyncapi_document(entries: list[CatalogueEntry]) -> JsonSchema:
    """The AsyncAPI 3.0 document: one channel, send operation and message per contract version."""
    ids = {entry.subject: _identifier(entry.subject) for entry in entries}
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "UnionHub 集成事件 Integration events",
            "version": package_version("unionhub-shared"),
            "description": "UnionHub 各服务发布的集成事件;事件只携带假名化标识。 "
            "Integration events published by UnionHub services; events carry pseudonymous ids "
            "only. See events.md.",
        },
        "defaultContentType": "application/json",
        "servers": SERVERS,
        "channels": {ids[entry.subject]: _channel(entry, ids[entry.subject]) for entry in entries},
        "operations": {
            f"publish_{ids[entry.subject]}": _operation(ids[entry.subject]) for entry in entries
        },
        "components": {
            "messages": {ids[entry.subject]: _message(entry) for entry in entries},
            "schemas": {"NatsHeaders": HEADERS_SCHEMA},
        },
    }


def envelope_schema(entry: CatalogueEntry) -> JsonSchema:
    """JSON Schema (draft 2020-12) of the whole CloudEvent carrying ``entry``'s contract."""
    properties = {
        name: {**prop, "description": ENVELOPE_ATTRIBUTES[name]}
        for name, prop in CloudEvent.model_json_schema()["properties"].items()
    }
    properties["type"] = {**properties["type"], "const": entry.event_type}
    properties["dataversion"] = {**properties["dataversion"], "const": entry.version}
    properties["data"] = inline_definitions(entry.schema)
    return {
        "title": f"{entry.model.__name__} CloudEvent",
        "type": "object",
        "properties": properties,
        "required": list(REQUIRED_ATTRIBUTES),
        "additionalProperties": True,
    }


def _identifier(subject: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", subject)


def _channel(entry: CatalogueEntry, identifier: str) -> JsonSchema:
    return {
        "address": entry.subject,
        "title": f"{entry.event_type} v{entry.version}",
        "description": f"{entry.description} (JetStream stream `{entry.stream}`)".strip(),
        "messages": {identifier: {"$ref": f"#/components/messages/{identifier}"}},
    }


def _operation(identifier: str) -> JsonSchema:
    return {
        "action": "send",
        "channel": {"$ref": f"#/channels/{identifier}"},
        "messages": [{"$ref": f"#/channels/{identifier}/messages/{identifier}"}],
    }


def _message(entry: CatalogueEntry) -> JsonSchema:
    return {
        "name": entry.event_type,
        "title": entry.subject,
        "summary": entry.description or entry.event_type,
        "contentType": "application/json",
        "headers": {"$ref": "#/components/schemas/NatsHeaders"},
        "payload": {"schemaFormat": PAYLOAD_FORMAT, "schema": envelope_schema(entry)},
        "correlationId": {
            "description": "同一业务流程的关联标识。 Correlation id of the business flow.",
            "location": "$message.payload#/correlationid",
        },
    }


# YAML emitter ------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_$][A-Za-z0-9_.$/-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters YAML does not accept raw (or reads as line breaks) inside a quoted scalar.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def to_yaml(value: Any) -> str:
    """Block-style YAML for JSON-like data; ``yaml.safe_load`` of the result gives ``value`` back.

    Raises:
        TypeError: a mapping key is not a string, or a value is not JSON-like.
        ValueError: a float is infinite or NaN.
    """
    lines = _block(value, 0) if _is_block(value) else [_inline(value)]
    return "\n".join(lines) + "\n"


def _is_block(value: Any) -> bool:
    return isinstance(value, dict | list) and len(value) > 0


def _block(value: dict[str, Any] | list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    items = value.items() if isinstance(value, dict) else (("-", item) for item in value)
    for key, item in items:
        head = "-" if isinstance(value, list) else f"{_key(key)}:"
        if isinstance(value, list) and isinstance(item, dict) and item:
            nested = _block(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines.extend(nested[1:])
        elif _is_block(item):
            lines.append(f"{pad}{head}")
            lines.extend(_block(item, indent + 2))
        else:
            lines.append(f"{pad}{head} {_inline(item)}")
    return lines


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"YAML mapping keys must be strings, got {key!r}")
    return _string(key)


def _inline(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no JSON form")
        return json.dumps(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict | list) and not value:
        return "{}" if isinstance(value, dict) else "[]"
    raise TypeError(f"{type(value).__name__} is not JSON-like")


def _string(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)
