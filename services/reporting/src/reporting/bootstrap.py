"""The composition root: settings, pool and the event consumers in one place."""

from __future__ import annotations

from dataclasses import dataclass

from nats.js.client import JetStreamContext
from shared.bootstrap import ServiceContainer, open_pool
from shared.bus import ConsumerRunner

from reporting.adapters.projections.projected_streams import (
    ASSISTANCE,
    MEMBERSHIP,
    TRAINING,
    ProjectedStream,
)
from reporting.config import SCHEMA, ReportingSettings


@dataclass(kw_only=True)
class Container(ServiceContainer[ReportingSettings]):
    """What the entry points need, built once per process."""

    def consumer(self, stream: ProjectedStream, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying ``stream``'s events to the read models with its handlers."""
        return ConsumerRunner(
            self.pool,
            js,
            stream.consumer,
            stream.handler,
            batch_handler=stream.batch_handler,
            batch_size=self.settings.consumer_batch_size,
        )

    def membership_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying membership events to the read models."""
        return self.consumer(MEMBERSHIP, js)

    def assistance_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying hardship assistance events to the read models."""
        return self.consumer(ASSISTANCE, js)

    def training_consumer(self, js: JetStreamContext) -> ConsumerRunner:
        """The runner applying training and employment events to the read models."""
        return self.consumer(TRAINING, js)


async def build_container(settings: ReportingSettings) -> Container:
    """Open the pool from the settings."""
    return Container(settings=settings, pool=await open_pool(settings, SCHEMA))
