"""Who may do what on NATS: one user per service, derived from its description.

A service's user may publish only its own stream's subjects (``membership.>``), the dead
letters of its own consumers (``deadletter.<durable>.>``) and the JetStream API calls its
processes make: create, update and look up the streams it provisions; create, look up and
pull its durable consumers; acknowledge their messages (``$JS.ACK.<STREAM>.<durable>.>``).
It subscribes only to ``_INBOX.>``, where replies, acknowledgements of its publishes and
pulled messages arrive. A service that replays (``reporting rebuild``) may also create
ephemeral consumers on the streams it consumes, pull and delete them, but never pull or
delete another service's durable consumer.

``python -m shared.nats_permissions membership assistance reporting`` prints the values file
for the NATS Helm chart (``deploy/platform/nats/auth.yaml``): the users, their permissions and
passwords read from the environment of the NATS pods, and the backup user that the stream
backup CronJob uses. Tests start a real nats-server with the same description.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from shared.bus import DEAD_LETTER_PREFIX, SERVICE_STREAMS
from shared.service import ServiceDescription, load

JS = "$JS.API"
INBOX = "_INBOX.>"
BACKUP_USER = "backup"


@dataclass(frozen=True)
class NatsUser:
    """A NATS user's permissions.

    Attributes:
        name: the user name (the service's name).
        publish: subjects it may publish to.
        subscribe: subjects it may subscribe to.
        deny_publish: subjects refused although an allowed wildcard covers them.
    """

    name: str
    publish: tuple[str, ...]
    subscribe: tuple[str, ...] = (INBOX,)
    deny_publish: tuple[str, ...] = field(default=())

    def permissions(self) -> dict[str, Any]:
        """The ``permissions`` block of the nats-server configuration."""
        publish: dict[str, list[str]] = {"allow": list(self.publish)}
        if self.deny_publish:
            publish["deny"] = list(self.deny_publish)
        return {"publish": publish, "subscribe": {"allow": list(self.subscribe)}}


def service_user(
    service: ServiceDescription, others: Sequence[ServiceDescription] = ()
) -> NatsUser:
    """The permissions of one service's user.

    Args:
        service: the service.
        others: every other service, whose durable consumers a replaying service's
            wildcards must not reach.
    """
    publish: list[str] = [f"{JS}.INFO"]
    if service.publishes:
        publish += SERVICE_STREAMS[service.name].subjects
    for stream in service.streams:
        publish += [f"{JS}.STREAM.{call}.{stream.name}" for call in ("INFO", "CREATE", "UPDATE")]
    for consumer in service.consumers:
        at = f"{consumer.stream}.{consumer.durable}"
        publish += [
            f"{JS}.CONSUMER.CREATE.{at}",
            f"{JS}.CONSUMER.CREATE.{at}.>",
            f"{JS}.CONSUMER.DURABLE.CREATE.{at}",
            f"{JS}.CONSUMER.INFO.{at}",
            f"{JS}.CONSUMER.MSG.NEXT.{at}",
            f"$JS.ACK.{at}.>",
            f"{DEAD_LETTER_PREFIX}.{consumer.durable}.>",
        ]
    deny: list[str] = []
    if service.replays:
        for read in sorted({c.stream for c in service.consumers}):
            publish += [
                f"{JS}.CONSUMER.CREATE.{read}",
                f"{JS}.CONSUMER.MSG.NEXT.{read}.*",
                f"{JS}.CONSUMER.DELETE.{read}.*",
            ]
            for other in others:
                for consumer in (c for c in other.consumers if c.stream == read):
                    at = f"{read}.{consumer.durable}"
                    deny += [f"{JS}.CONSUMER.MSG.NEXT.{at}", f"{JS}.CONSUMER.DELETE.{at}"]
    return NatsUser(
        service.name, tuple(dict.fromkeys(publish)), deny_publish=tuple(dict.fromkeys(deny))
    )


def backup_user() -> NatsUser:
    """The user of the stream backup CronJob: lists streams and takes snapshots, nothing else."""
    return NatsUser(
        BACKUP_USER,
        (
            f"{JS}.INFO",
            f"{JS}.STREAM.NAMES",
            f"{JS}.STREAM.LIST",
            f"{JS}.STREAM.INFO.*",
            f"{JS}.STREAM.SNAPSHOT.*",
            "$JS.SNAPSHOT.ACK.>",
        ),
    )


def users(services: Sequence[ServiceDescription]) -> list[NatsUser]:
    """The user of every service that uses NATS (not the workbench), then the backup user."""
    return [
        service_user(service, [other for other in services if other is not service])
        for service in services
        if service.uses_nats
    ] + [backup_user()]


def password_variable(user: str) -> str:
    """The environment variable holding a user's password in the NATS pods."""
    return f"{user.upper().replace('-', '_')}_NATS_PASSWORD"


def authorization(accounts: Iterable[NatsUser], password: Callable[[str], str]) -> dict[str, Any]:
    """The ``authorization`` block of the nats-server configuration.

    Args:
        accounts: the users.
        password: the password (or the configuration's reference to it) of a user by name.
    """
    return {
        "users": [
            {"user": u.name, "password": password(u.name), "permissions": u.permissions()}
            for u in accounts
        ]
    }


def helm_values(services: Sequence[ServiceDescription], source: str = "nats-users") -> str:
    """The NATS Helm chart values adding the users; passwords come from the Secret ``source``."""
    accounts = users(services)
    values = {
        "config": {
            "merge": {
                "authorization": authorization(
                    accounts, lambda name: f"<< ${password_variable(name)} >>"
                )
            }
        },
        "container": {
            "env": {
                password_variable(u.name): {
                    "valueFrom": {"secretKeyRef": {"name": source, "key": u.name}}
                }
                for u in accounts
            }
        },
    }
    header = (
        "# Generated by `make nats-auth` (python -m shared.nats_permissions): do not edit.\n"
        "# One NATS user per service, allowed its own subjects only; see docs/OPERATIONS.md.\n"
        "#   helm upgrade --install nats nats/nats -n unionhub \\\n"
        "#     -f deploy/platform/nats/values.yaml -f deploy/platform/nats/auth.yaml\n"
    )
    return header + yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=100)


def describe(names: Iterable[str]) -> list[ServiceDescription]:
    """The descriptions of services by name (``<name>.entrypoints.service:SERVICE``)."""
    return [load(f"{name}.entrypoints.service:SERVICE") for name in names]


if __name__ == "__main__":
    sys.stdout.write(helm_values(describe(sys.argv[1:])))
