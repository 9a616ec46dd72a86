"""Commands, handlers, ports and translation of dispute mediation."""
