"""The HTTP API: one router per resource, grouped by area."""
