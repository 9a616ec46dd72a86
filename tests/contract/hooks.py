"""Schemathesis hooks of the contract test (loaded through ``SCHEMATHESIS_HOOKS``).

``refusals_are_business_rules``: the configuration lets a command refuse a schema-valid request
with 422 for a business rule (state, check characters, one field requiring another). This
check keeps that allowance honest: such a 422 must come from the service's rules, not from the
kit's request validation (title "请求参数无效" with ``body.``, ``query.`` or ``path.`` fields),
which would mean the document accepts what the server's own schema refuses.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from shared.http.problems import TITLES

_REQUEST_PARTS = ("body", "query", "path", "header")


def _request_validation(body: Any) -> bool:
    if not isinstance(body, dict) or body.get("title") != TITLES[422]:
        return False
    fields = [str(error.get("field", "")) for error in body.get("errors") or []]
    return any(field.split(".", 1)[0].split("[", 1)[0] in _REQUEST_PARTS for field in fields)


@schemathesis.check
def refusals_are_business_rules(ctx: Any, response: Any, case: Any) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        body = response.json()
    except ValueError:
        return None
    if _request_validation(body):
        raise AssertionError(
            f"符合文档的请求被请求校验拒绝 / a schema-valid request failed the request "
            f"validation: {body.get('errors')}"
        )
    return None
