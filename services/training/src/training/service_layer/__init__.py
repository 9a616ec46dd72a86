"""Commands, handlers, ports and the translation of domain events into contracts."""
