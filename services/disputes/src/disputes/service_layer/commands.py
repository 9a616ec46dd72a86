"""What every command shares, and the answer a command gets (the kit's); each area declares
its commands in its own package (``service_layer.cases.commands`` …)."""

from __future__ import annotations

from shared.service_layer import Command, CommandResult, Handler

__all__ = ["Command", "CommandResult", "Handler"]
