"""Decoding a delivered envelope into its contract, or declaring it poison."""

from __future__ import annotations

from uuid import UUID

from pydantic import ValidationError

from shared.bus.delivery import PoisonMessage
from shared.contracts import registry
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent


def decode_or_poison(envelope: CloudEvent) -> IntegrationEvent:
    """The envelope's contract instance, upcast to the current version.

    Raises:
        PoisonMessage: an unknown type or version, or data that fails the contract; no retry
            can mend either, so the runner dead-letters the message.
    """
    try:
        return registry.decode(envelope)
    except (KeyError, ValidationError) as error:
        raise PoisonMessage(
            f"无法解析事件 {envelope.type} v{envelope.dataversion}: {error}"
        ) from error


def aggregate_id_or_poison(envelope: CloudEvent) -> UUID:
    """The aggregate the event is about (its ``subject``), as a UUID.

    Raises:
        PoisonMessage: the subject is missing or not a UUID.
    """
    if envelope.subject is None:
        raise PoisonMessage(f"{envelope.type} 事件缺少聚合标识 subject")
    try:
        return UUID(envelope.subject)
    except ValueError as error:
        raise PoisonMessage(f"聚合标识 subject 不是 UUID: {envelope.subject!r}") from error
