"""Entry points: the API, the durable consumers and the CLI."""
