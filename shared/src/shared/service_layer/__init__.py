"""What every service layer shares: commands and their results, the unit of work, dispatch.

A service declares its repositories on a subclass of :class:`UnitOfWork` (attributes plus
``REPOSITORIES`` in write order) and how its domain events become integration contracts
(``_translate``); its handlers are small functions registered in one table given to
:func:`dispatcher`. No I/O library is imported here (import-linter holds every service layer
to that), so unit tests run the handlers on in-memory fakes.
"""

from shared.service_layer.commands import Command, CommandResult
from shared.service_layer.dispatch import Dispatch, Handler, dispatcher
from shared.service_layer.unit_of_work import (
    PersonalDataProtector,
    PersonLinkingProtector,
    Repository,
    UnitOfWork,
)

__all__ = [
    "Command",
    "CommandResult",
    "Dispatch",
    "Handler",
    "PersonLinkingProtector",
    "PersonalDataProtector",
    "Repository",
    "UnitOfWork",
    "dispatcher",
]
