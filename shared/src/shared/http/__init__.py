"""The HTTP side of the platform kit. Import from the modules:

- ``shared.http.app``: ``create_app``, the application factory.
- ``shared.http.problems``: ``Problem`` and RFC 9457 error responses.
- ``shared.http.idempotency``: ``IdempotencyKey``, ``idempotent`` and the lower-level calls.
- ``shared.http.health``: ``/livez``, ``/readyz`` and ready-made checks.
- ``shared.http.pagination``: ``Page``, ``page_params``.
"""
