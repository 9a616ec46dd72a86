"""What a consumer reads off a delivered message before any handler runs: the envelope, the
event key the inbox dedupes on, the stream sequence; and the contract decoded from the data."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import pytest
from nats.aio.msg import Msg
from nats.errors import NotJSMessageError
from shared.bus.delivery import Outcome, decode
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import ContractRegistry, IntegrationEvent

V1_REPLY = "$JS.ACK.MEMBERSHIP.reporting-membership.1.4711.33.1700000000000000000.5"
V2_REPLY = "$JS.ACK._.ACCHASH.MEMBERSHIP.reporting-membership.2.4712.34.1700000000000000000.4.tok"


def _message(event_id: str, reply: str = V1_REPLY) -> Msg:
    envelope = CloudEvent(id=event_id, source="/test", type="test.thing.done", data={})
    return Msg(_client=None, reply=reply, data=envelope.model_dump_json().encode())  # type: ignore[arg-type]


def test_the_event_key_is_the_id_in_canonical_form_whatever_its_spelling() -> None:
    event_id = uuid.uuid4()
    spellings = [str(event_id), str(event_id).upper(), f"{{{event_id}}}", event_id.hex]

    keys = {decode(_message(spelling)).event_key for spelling in spellings}

    assert keys == {str(event_id)}


def test_an_id_that_is_no_uuid_makes_the_message_poison() -> None:
    delivery = decode(_message("order-42"))

    assert delivery.event is None
    assert delivery.outcome is Outcome.POISON
    assert "not a CloudEvent" in delivery.reason


@pytest.mark.parametrize(("reply", "sequence"), [(V1_REPLY, 4711), (V2_REPLY, 4712)])
def test_the_stream_sequence_is_read_from_either_form_of_reply_subject(
    reply: str, sequence: int
) -> None:
    delivery = decode(_message(str(uuid.uuid4()), reply))

    assert delivery.stream_seq == sequence
    assert delivery.stream_seq == delivery.msg.metadata.sequence.stream


@pytest.mark.parametrize("reply", ["", "_INBOX.abc.1", "$JS.ACK.too.short"])
def test_a_message_not_from_jetstream_has_no_stream_sequence(reply: str) -> None:
    delivery = decode(_message(str(uuid.uuid4()), reply))

    with pytest.raises(NotJSMessageError):
        _ = delivery.stream_seq


def test_an_upcaster_works_on_a_copy_and_the_envelope_keeps_what_was_received() -> None:
    registry = ContractRegistry()

    @registry.register
    class ThingDone(IntegrationEvent):
        event_type: ClassVar[str] = "test.thing.done"
        version: ClassVar[int] = 2
        size_cm: int

    @registry.upcaster("test.thing.done", 1)
    def metres_to_centimetres(data: dict[str, Any]) -> dict[str, Any]:
        data["size_cm"] = data.pop("size_m") * 100  # mutates what it is given
        return data

    received = {"size_m": 3}
    envelope = CloudEvent(source="/test", type="test.thing.done", data=received, dataversion=1)

    assert registry.decode(envelope) == ThingDone(size_cm=300)
    assert envelope.data == {"size_m": 3}
    assert registry.decode(envelope) == ThingDone(size_cm=300)
