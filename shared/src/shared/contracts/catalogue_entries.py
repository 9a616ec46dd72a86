"""What the event catalogue says about one contract version, derived from its pydantic model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shared.contracts.registry import IntegrationEvent

JsonSchema = dict[str, Any]


@dataclass(frozen=True)
class CatalogueEntry:
    """One registered contract version as the catalogue presents it.

    Attributes:
        model: the registered pydantic model.
    """

    model: type[IntegrationEvent]

    @property
    def event_type(self) -> str:
        """The CloudEvents ``type``, e.g. ``membership.member.admitted``."""
        return self.model.event_type

    @property
    def version(self) -> int:
        """The contract version, carried as the ``dataversion`` extension."""
        return self.model.version

    @property
    def subject(self) -> str:
        """The NATS subject, e.g. ``membership.member.admitted.v1``."""
        return self.model.subject()

    @property
    def stream(self) -> str:
        """The JetStream stream of the publishing service, e.g. ``MEMBERSHIP``."""
        return self.event_type.partition(".")[0].upper()

    @property
    def stream_subjects(self) -> str:
        """The subject filter of that stream, e.g. ``membership.>``."""
        return f"{self.event_type.partition('.')[0]}.>"

    @property
    def schema(self) -> JsonSchema:
        """The model's JSON Schema exactly as pydantic produces it (the committed snapshot)."""
        return self.model.model_json_schema()

    @property
    def schema_file(self) -> str:
        """File name of the committed snapshot: ``<event_type>.v<version>.json``."""
        return f"{self.model.schema_name()}.json"

    @property
    def description(self) -> str:
        """The contract's ``description``, falling back to its docstring."""
        return self.model.description or str(self.schema.get("description", ""))

    @property
    def qualified_name(self) -> str:
        """Import path of the model, for readers who want the source."""
        return f"{self.model.__module__}.{self.model.__qualname__}"


def catalogue_entries(contracts: Iterable[type[IntegrationEvent]]) -> list[CatalogueEntry]:
    """Entries ordered by stream, type and version, so generated files are stable."""
    entries = [CatalogueEntry(model) for model in contracts]
    return sorted(entries, key=lambda entry: (entry.stream, entry.event_type, entry.version))


def inline_definitions(schema: JsonSchema) -> JsonSchema:
    """The schema with every local ``#/$defs/…`` reference replaced by its definition.

    Embedded in another document (AsyncAPI), local references would resolve against that
    document's root instead of the schema's, so they are inlined.

    Raises:
        ValueError: a definition refers to itself (recursive models cannot be inlined).
    """
    definitions: dict[str, JsonSchema] = schema.get("$defs", {})
    body = {key: value for key, value in schema.items() if key != "$defs"}
    result: JsonSchema = _inline(body, definitions, ())
    return result


def _inline(node: Any, definitions: dict[str, JsonSchema], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        name = reference.removeprefix("#/$defs/")
        if name in seen:
            raise ValueError(f"recursive definition {name} cannot be inlined")
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        resolved = _inline(definitions[name], definitions, (*seen, name))
        return {**resolved, **_inline(siblings, definitions, seen)}
    return {key: _inline(value, definitions, seen) for key, value in node.items()}
