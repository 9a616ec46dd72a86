"""``make bench``: UnionHub throughput beside raw NATS and PostgreSQL baselines of the same run."""
