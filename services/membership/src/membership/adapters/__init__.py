"""Adapters: SQL repositories and the SQL unit of work over asyncpg."""
