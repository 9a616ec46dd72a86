"""The assistance domain, pure Python: one package per area (``households``, ``visits``, ``aid``,
``giving``) over the bases they share (aggregate, errors, events, replica facts, amounts)."""
