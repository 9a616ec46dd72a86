"""The event consumers' entry points: the durable consumers of every projected stream."""
