"""Embedded development stack: a local PostgreSQL and a JetStream nats-server under one folder.

Used by ``make run`` and by the pytest fixtures, so that the platform and its tests need nothing
installed by hand. ``DATABASE_URL`` / ``NATS_URL`` bypass it in favour of external servers.
"""

from shared.devstack.nats import NatsServer
from shared.devstack.ports import free_port, wait_for_port
from shared.devstack.postgres import PostgresServer

__all__ = ["NatsServer", "PostgresServer", "free_port", "wait_for_port"]
