"""The lifespan of a service's API process: what it opens, starts and stops.

Every API process opens its container (pool) and a NATS connection, registers the readiness
checks (PostgreSQL, NATS, each durable consumer), runs the outbox relay and the durable
consumers unless told not to (``--no-relay`` / ``--no-consume``), then whatever the service
adds; on the way out everything stops within the platform's bound (:mod:`shared.lifecycle`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, FastAPI
from nats.aio.client import Client as NatsClient
from nats.js.client import JetStreamContext

from shared.bootstrap import ServiceContainer
from shared.bus import ConsumerRunner, connect_nats, provision
from shared.collector import freeze_start_up
from shared.http.app import Lifespan, create_app
from shared.http.health import consumer_check, nats_check, postgres_check
from shared.lifecycle import shut_down
from shared.outbox import OutboxRelay
from shared.service import ServiceDescription
from shared.settings import ServiceSettings

BuildContainer = Callable[[Any], Awaitable[ServiceContainer[Any]]]
Runners = Callable[[Any, JetStreamContext], Sequence[ConsumerRunner]]
Start = Callable[[Any, NatsClient, asyncio.Event], Awaitable[None]]
"""What a service starts beside the relay and consumers: ``(container, nc, stop)``."""


def service_lifespan(
    service: ServiceDescription,
    settings: ServiceSettings,
    build_container: BuildContainer,
    *,
    runners: Runners | None = None,
    start: Start | None = None,
) -> Lifespan:
    """The lifespan of ``service``'s API; ``app.state.container`` holds its container.

    Args:
        service: the service's description (schema, streams, consumers).
        settings: the process's settings (``run_relay``, ``run_consumers``).
        build_container: opens the service's container from the settings.
        runners: the consumer runners of a container, for a service with consumers.
        start: anything else the service runs in the API process (resumed jobs, timers).
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        container = await build_container(settings)
        freeze_start_up()
        nc = await connect_nats(settings.nats_servers, name=f"{service.name}-api")
        app.state.container = container
        _register_checks(app, service, container, nc)
        stop = asyncio.Event()
        try:
            await _start(service, settings, container, nc, stop, runners)
            if start is not None:
                await start(container, nc, stop)
            yield
        finally:
            await shut_down(stop, container.tasks, nc=nc, pool=container.pool)

    return lifespan


def _register_checks(
    app: FastAPI, service: ServiceDescription, container: ServiceContainer[Any], nc: NatsClient
) -> None:
    checks = {"postgres": postgres_check(container.pool), "nats": nats_check(nc)}
    for spec in service.consumers:
        name = service.readiness_names.get(spec.durable, spec.durable)
        checks[name] = consumer_check(container.pool, nc, spec)
    app.state.readiness.update(checks)


async def _start(
    service: ServiceDescription,
    settings: ServiceSettings,
    container: ServiceContainer[Any],
    nc: NatsClient,
    stop: asyncio.Event,
    runners: Runners | None,
) -> None:
    if service.publishes and settings.run_relay:
        container.spawn(OutboxRelay(container.pool, service.schema, nc.jetstream).run(stop))
    if service.consumers and settings.run_consumers and runners is not None:
        js = nc.jetstream()
        await provision(
            js, service.streams, service.consumers, replicas=settings.nats_stream_replicas
        )
        for runner in runners(container, js):
            container.spawn(runner.run(stop))


def service_app(
    service: ServiceDescription,
    settings: ServiceSettings,
    build_container: BuildContainer,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    version: str = "0.1.0",
    runners: Runners | None = None,
    start: Start | None = None,
    body_allowances: Mapping[str, int] | None = None,
) -> FastAPI:
    """A service's API app: the kit's app with its routers and its lifespan.

    Args:
        service: the service's description.
        settings: the process's settings.
        build_container: opens the service's container from the settings.
        title: the OpenAPI title, Chinese first.
        description: the OpenAPI description.
        routers: one router per resource.
        version: the API's version.
        runners: the consumer runners of a container, for a service with consumers.
        start: anything else the service runs in the API process.
        body_allowances: larger body limits for the routes that take uploads.
    """
    return create_app(
        title=title,
        version=version,
        settings=settings,
        service_name=service.name,
        readiness={},
        lifespan=service_lifespan(service, settings, build_container, runners=runners, start=start),
        body_allowances=body_allowances,
        description=description,
        routers=routers,
    )
