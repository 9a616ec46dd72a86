"""Bulk imports in the adapters: the job table, the sheet reader and the templates."""
