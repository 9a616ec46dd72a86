"""Rebuilding the read models from their streams into a shadow schema, then swapping it in."""
