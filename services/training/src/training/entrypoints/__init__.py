"""Entry points: the HTTP API, the durable consumers and the CLI."""
