"""``make chaos``: a bounded chaos run against a private stack of every service, twice over.

Concurrent clients admit members (and transfer every fourth) with idempotency keys and
retries while the run SIGKILLs nats-server, the PostgreSQL postmaster and each service
instance in turn; once the pipeline is quiet it counts every command in membership's tables,
in the stream, in reporting's read model and figures and in assistance's replica, and fails on
any loss or duplicate.
"""
