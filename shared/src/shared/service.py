"""A service described once, for the kit to run its processes: the CLI and the API's lifespan.

See :func:`shared.cli.service_cli` and :func:`shared.http.lifespan.service_lifespan`.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared.bus import ConsumerSpec, StreamSpec
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class ServiceDescription:
    """What the kit needs to know to run a service's processes.

    Attributes:
        name: the service's name, also its CLI's name and the outbox events' source.
        title: the CLI's help line, Chinese first.
        schema: its PostgreSQL schema.
        migrations: the folder of its numbered SQL migrations.
        settings: its settings class (a :class:`ServiceSettings`).
        port: the port ``serve`` listens on by default.
        app: ``"module:function"`` building its FastAPI app from settings.
        container: ``"module:function"``, the async factory of its container from settings.
        streams: the streams it provisions (its own, those it consumes, the dead letters).
        consumers: its durable consumers, if it consumes any.
        runners: ``"module:function"`` giving the consumer runners of a container and a
            JetStream context, when it has consumers.
        publishes: whether it writes an outbox (relay, ``republish`` and ``purge``).
        readiness_names: the ``/readyz`` check name of a durable consumer, when not its
            durable name.
        replays: whether it reads the streams it consumes from the start through ephemeral
            consumers (``reporting rebuild``); its NATS user may then create them.
    """

    name: str
    title: str
    schema: str
    migrations: Path
    settings: type[ServiceSettings]
    port: int
    app: str
    container: str
    streams: Sequence[StreamSpec]
    consumers: Sequence[ConsumerSpec] = ()
    runners: str | None = None
    publishes: bool = True
    readiness_names: Mapping[str, str] = field(default_factory=dict)
    replays: bool = False

    @property
    def uses_nats(self) -> bool:
        """Whether any of its processes reaches NATS: it publishes, provisions or consumes.

        A service that does none of these (the workbench) gets no NATS user, no ``NATS_URL``
        and no network path to NATS.
        """
        return self.publishes or bool(self.streams) or bool(self.consumers)


def load(reference: str) -> Any:
    """The object a ``"module:name"`` reference names, imported when first needed."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)
