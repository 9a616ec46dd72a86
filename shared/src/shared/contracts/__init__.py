"""Integration contracts: the CloudEvents envelope and the versioned event models that cross services.

Domain events stay inside a service; only the models registered here travel on NATS.
"""

from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import IntegrationEvent, registry

__all__ = ["CloudEvent", "IntegrationEvent", "registry"]
