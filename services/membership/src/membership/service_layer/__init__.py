"""The membership service layer: commands, handlers, ports (repositories, unit of work,
personal-data protector) and the translation of domain events into integration contracts."""

from shared.service_layer import Command, CommandResult, PersonalDataProtector

from membership.service_layer.handlers import HANDLERS, handle
from membership.service_layer.ports import AbstractUnitOfWork

__all__ = [
    "HANDLERS",
    "AbstractUnitOfWork",
    "Command",
    "CommandResult",
    "PersonalDataProtector",
    "handle",
]
