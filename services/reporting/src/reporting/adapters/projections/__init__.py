"""Applying events to the read models: facts, derived rows, versions, the stream registry."""
