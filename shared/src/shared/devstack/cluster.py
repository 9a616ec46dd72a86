"""A JetStream cluster of nats-servers on loopback, for tests that take its nodes down.

Each node is a :class:`NatsServer` with its own store folder, a route to every other node and
``jetstream.sync_interval: always`` (every write is flushed to disk before it is acknowledged),
as the production manifests configure it. A node answers on its monitoring port's
``/healthz`` only once it has joined the cluster and caught up with the streams it holds, which
is what :meth:`NatsCluster.start` and :meth:`NatsCluster.restart` wait for.
"""

from __future__ import annotations

import asyncio
import contextlib
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from nats.js.client import JetStreamContext

from shared.devstack.nats import NatsServer, find_nats_server
from shared.devstack.ports import free_port, wait_until

READY_SECONDS = 30.0

T = TypeVar("T")


@dataclass
class ClusterNode(NatsServer):
    """One node of a :class:`NatsCluster`; ``cluster_port`` is where the others route to it.

    Attributes:
        cluster_port: the port of this node's cluster listener.
        monitor_port: the port of its HTTP monitoring endpoint (``/healthz``).
        routes: the cluster ports of the other nodes.
        cluster_name: the name every node of the cluster shares.
    """

    cluster_port: int = 0
    monitor_port: int = 0
    routes: list[int] = field(default_factory=list)
    cluster_name: str = "unionhub"

    @property
    def name(self) -> str:
        """The node's server name, as JetStream reports a stream's leader and replicas."""
        return f"unionhub-{self.port}"

    def healthy(self) -> bool:
        """Whether the node is up, in the cluster and current with its JetStream assets."""
        url = f"http://127.0.0.1:{self.monitor_port}/healthz"
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _command(self, store: Path) -> list[str]:
        config = self.root / "nats.conf"
        config.write_text(self._config(), encoding="utf-8")
        # The store folder is given on the command line (-sd enables JetStream with it, the
        # config's block adds to it), where running_pid looks for it.
        return [find_nats_server(), "-c", str(config), "-sd", str(store)]

    def _config(self) -> str:
        routes = ", ".join(f"nats://127.0.0.1:{port}" for port in self.routes)
        return (
            f"server_name: {self.name}\n"
            f"listen: 127.0.0.1:{self.port}\n"
            f"http: 127.0.0.1:{self.monitor_port}\n"
            "jetstream {\n  sync_interval: always\n}\n"
            f"cluster {{\n  name: {self.cluster_name}\n"
            f"  listen: 127.0.0.1:{self.cluster_port}\n  routes: [{routes}]\n}}\n"
        )


@dataclass
class NatsCluster:
    """Nodes routed to one another under ``root``, each storing in a folder of its own."""

    root: Path
    nodes: list[ClusterNode]

    @classmethod
    def on_free_ports(cls, root: Path, size: int = 3) -> NatsCluster:
        """A cluster of ``size`` nodes (not started) on ports free a moment ago."""
        cluster_ports = [free_port() for _ in range(size)]
        nodes = [
            ClusterNode(
                root / f"node{index}",
                free_port(),
                cluster_port=port,
                monitor_port=free_port(),
                routes=[other for other in cluster_ports if other != port],
            )
            for index, port in enumerate(cluster_ports)
        ]
        return cls(root, nodes)

    @property
    def urls(self) -> list[str]:
        """The client URLs of every node, to connect with (a client fails over among them)."""
        return [node.url for node in self.nodes]

    def start(self) -> None:
        """Start every node, then wait until each has joined the cluster and is current."""
        for node in self.nodes:
            node.start()
        for node in self.nodes:
            wait_until(node.healthy, f"{node.name} not healthy", READY_SECONDS)

    def restart(self, node: ClusterNode) -> None:
        """Start ``node`` again on its store and wait until it has caught up."""
        node.start()
        wait_until(node.healthy, f"{node.name} not healthy", READY_SECONDS)

    def stop(self) -> None:
        """Stop every node that runs."""
        for node in self.nodes:
            node.stop()

    def node_named(self, name: str) -> ClusterNode:
        """The node whose server name is ``name``.

        Raises:
            KeyError: no node has that name.
        """
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    async def leader(
        self, js: JetStreamContext, stream: str, patience: float = READY_SECONDS
    ) -> ClusterNode:
        """The node leading ``stream`` now, waiting for an election in progress to end.

        Raises:
            TimeoutError: no leader was known within ``patience`` seconds.
        """

        async def elected() -> str | None:
            cluster = (await js.stream_info(stream)).cluster
            return cluster.leader if cluster else None

        name = await _poll(elected, f"stream {stream} has no leader", patience)
        return self.node_named(name)

    async def caught_up(
        self, js: JetStreamContext, stream: str, patience: float = READY_SECONDS
    ) -> None:
        """Wait until ``stream`` has a leader and every replica of it is online and current.

        Raises:
            TimeoutError: a replica still lagged after ``patience`` seconds.
        """

        async def current() -> bool | None:
            cluster = (await js.stream_info(stream)).cluster
            replicas = (cluster.replicas or []) if cluster else []
            peers_ok = all(peer.current and not peer.offline for peer in replicas)
            return bool(cluster and cluster.leader and replicas and peers_ok) or None

        await _poll(current, f"replicas of stream {stream} not current", patience)


async def _poll(check: Callable[[], Awaitable[T | None]], what: str, patience: float) -> T:
    """The first answer of ``check`` that is not None; an error counts as none (an election)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while loop.time() < deadline:
        with contextlib.suppress(Exception):
            answer = await check()
            if answer is not None:
                return answer
        await asyncio.sleep(0.1)
    raise TimeoutError(f"{what} after {patience:.0f}s")
