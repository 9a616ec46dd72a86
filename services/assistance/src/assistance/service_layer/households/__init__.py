"""Hardship files (困难职工档案) in the service layer: the file's lifecycle, the overdue
flagging, and the rules that membership changes of a head of household trigger.

The area's one registration point: the handlers, translators and repositories the
service-wide tables take from it (see ``service_layer.areas``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistance.service_layer.households import commands as c
from assistance.service_layer.households import handlers as h
from assistance.service_layer.households.ports import REPOSITORIES
from assistance.service_layer.households.ports import HouseholdRepositories as Repositories
from assistance.service_layer.households.translation import TRANSLATORS

if TYPE_CHECKING:
    from assistance.service_layer.commands import Command, Handler

HANDLERS: dict[type[Command], Handler] = {
    c.OpenFile: h.open_file,
    c.EditFile: h.edit_file,
    c.SubmitFile: h.submit_file,
    c.ReturnFile: h.return_file,
    c.ApproveFile: h.approve_file,
    c.FormaliseFile: h.formalise_file,
    c.ReverifyFile: h.reverify_file,
    c.ExitFile: h.exit_file,
    c.CancelFile: h.cancel_file,
}

__all__ = ["HANDLERS", "REPOSITORIES", "TRANSLATORS", "Repositories"]
