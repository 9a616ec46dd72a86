"""What every command shares, and the answer a command gets: the kit's
:class:`~shared.service_layer.Command` (``scope_root``: ``None`` for the whole city) and
:class:`~shared.service_layer.CommandResult`. Each area declares its commands in its own
package (``service_layer.households.commands`` …)."""

from __future__ import annotations

from shared.service_layer import Command, CommandResult, Handler

__all__ = ["Command", "CommandResult", "Handler"]
