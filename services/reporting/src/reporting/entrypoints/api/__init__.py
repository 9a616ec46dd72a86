"""REST routes of the reporting service."""
