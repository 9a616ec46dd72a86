"""pytest fixtures with real PostgreSQL and nats-server (load with ``pytest_plugins``)."""
