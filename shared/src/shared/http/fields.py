"""Field types with the bounds PostgreSQL and the domain can take, declared once for every API.

A value outside them is refused by validation (422 naming the field, in the OpenAPI too)
instead of reaching a column that cannot hold it (a 500) or being accepted as real (a union
founded in the year 1). Request models derive from :class:`ApiModel`, which also refuses NUL
characters in any text, at any depth: PostgreSQL's text cannot store them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

INT32_MAX = 2_147_483_647
INT64_MAX = 9_223_372_036_854_775_807
SAFE_INTEGER_MAX = 2**53 - 1
"""The largest integer every JSON reader holds exactly (JavaScript's, and JSON Schema validators
that read numbers as doubles): beyond it ``maximum`` itself is rounded, and a client may send a
number above the bound that its own check took for equal."""
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2099, 12, 31)

_EXACT_FLOAT_LIMIT = 2**53


def _json_integer(value: Any) -> Any:
    """An int, or a float holding a whole number exactly; never a string, a bool or a fraction."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT_FLOAT_LIMIT:
        return int(value)
    raise PydanticCustomError("int_type", "Input should be a valid integer")


JSON_INTEGER = BeforeValidator(_json_integer)
"""Reads an integer exactly as JSON Schema's ``integer`` does: ``5`` or ``5.0``, never ``5.5``,
``"5"`` or ``true`` (pydantic's lax mode would take the string; its strict mode would refuse
``5.0``, which the document allows). Put it last, after the constraints, so that they stay in
the JSON Schema: ``Annotated[int, Field(gt=0), JSON_INTEGER]``. Amounts in fen use it."""
Count = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A number of people or things (workers, members, households)."""
PositiveCount = Annotated[int, Field(ge=1, le=INT32_MAX)]
"""A count that cannot be zero."""
Year = Annotated[int, Field(ge=1900, le=2099)]
"""A calendar year (budgets, scheme years, reports)."""
Fen = Annotated[int, Field(ge=0, le=SAFE_INTEGER_MAX)]
"""An amount in fen (分), never negative, at most 90 trillion yuan (exact in every JSON reader)."""
BusinessDate = Annotated[
    date,
    Field(
        ge=EARLIEST_DATE,
        le=LATEST_DATE,
        # JSON Schema has no bounds for a date string: the pattern tells clients the years.
        json_schema_extra={"pattern": r"^(19|20)\d\d-\d\d-\d\d$"},
    ),
]
"""A date of the unions' business: 1900-01-01 to 2099-12-31."""


def _find_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_find_nul(key) or _find_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_find_nul(item) for item in value)
    return False


def _declare_no_nul(schema: dict[str, Any]) -> None:
    """Tell clients, in the JSON Schema, that text fields hold no NUL (unless a pattern says
    more already)."""
    for field in schema.get("properties", {}).values():
        for option in [field, *field.get("anyOf", [])]:
            items = option.get("items") if option.get("type") == "array" else None
            for text in (option, *([items] if isinstance(items, dict) else [])):
                if text.get("type") == "string" and "format" not in text:
                    text.setdefault("pattern", "^[^\\x00]*$")


class ApiModel(BaseModel):
    """Base of request (and response) models: no NUL character in any text it holds."""

    model_config = ConfigDict(json_schema_extra=_declare_no_nul)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        if _find_nul(value):
            raise ValueError("不能包含空字符 (NUL)")
        return value
