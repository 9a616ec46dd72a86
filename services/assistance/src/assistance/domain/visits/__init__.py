"""Visits (走访慰问) to workers and households."""
