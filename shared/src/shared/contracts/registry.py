"""The versioned contract registry.

Each integration event is a pydantic model subclassing :class:`IntegrationEvent` with a
``event_type`` and ``version``. Additive optional fields keep the version; anything else is a
new model with ``version = n + 1`` and an upcaster from ``n`` registered beside it, so a
consumer always sees the newest shape whatever version was published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from shared.contracts.envelope import CloudEvent

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
EnvelopeUpcaster = Callable[[dict[str, Any], CloudEvent], dict[str, Any]]
E = TypeVar("E", bound="IntegrationEvent")


class IntegrationEvent(BaseModel):
    """Base of every integration contract: pseudonymous ids, codes and amounts only, no PII."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""

    @classmethod
    def subject(cls) -> str:
        """NATS subject of this contract version."""
        return f"{cls.event_type}.v{cls.version}"

    @classmethod
    def schema_name(cls) -> str:
        """File stem of the committed JSON Schema snapshot."""
        return cls.subject()


class ContractRegistry:
    """Maps (type, version) to models and upcasters."""

    def __init__(self) -> None:
        self._models: dict[tuple[str, int], type[IntegrationEvent]] = {}
        self._upcasters: dict[tuple[str, int], EnvelopeUpcaster] = {}
        self._latest: dict[str, int] = {}  # asked once per event decoded: kept, not searched

    def register(self, model: type[E]) -> type[E]:
        """Class decorator: register a contract model.

        Raises:
            ValueError: the same type and version was registered twice.
        """
        key = (model.event_type, model.version)
        if key in self._models and self._models[key] is not model:
            raise ValueError(f"contract {model.subject()} registered twice")
        self._models[key] = model
        self._latest[model.event_type] = max(model.version, self._latest.get(model.event_type, 0))
        return model

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Decorator: register the function turning ``from_version`` data into the next version."""

        def decorate(func: Upcaster) -> Upcaster:
            self._upcasters[(event_type, from_version)] = lambda data, _envelope: func(data)
            return func

        return decorate

    def envelope_upcaster(
        self, event_type: str, from_version: int
    ) -> Callable[[EnvelopeUpcaster], EnvelopeUpcaster]:
        """Decorator: like :meth:`upcaster`, for a function that also reads the envelope.

        For a new field the old data cannot give but the envelope can derive, such as an id
        made deterministically from the event's own id, so every decoding agrees on it.
        """

        def decorate(func: EnvelopeUpcaster) -> EnvelopeUpcaster:
            self._upcasters[(event_type, from_version)] = func
            return func

        return decorate

    def latest_version(self, event_type: str) -> int:
        """The newest registered version of ``event_type``.

        Raises:
            KeyError: unknown event type.
        """
        return self._latest[event_type]

    def decode(self, event: CloudEvent) -> IntegrationEvent:
        """Validate an envelope's data as its contract, upcast to the newest version.

        Raises:
            KeyError: unknown type/version or a missing upcaster.
            pydantic.ValidationError: data does not match the contract.
        """
        data, version = event.data, event.dataversion
        latest = self.latest_version(event.type)
        while version < latest:  # an upcaster gets a copy: the envelope keeps what was received
            data = self._upcasters[(event.type, version)](dict(data), event)
            version += 1
        return self._models[(event.type, version)].model_validate(data)

    def __iter__(self) -> Iterator[type[IntegrationEvent]]:
        return iter(sorted(self._models.values(), key=lambda m: (m.event_type, m.version)))

    def get(self, event_type: str, version: int) -> type[IntegrationEvent]:
        """The model for one type and version."""
        return self._models[(event_type, version)]


registry = ContractRegistry()
