"""Integers in request bodies read as JSON Schema's ``integer``: whole numbers, however written."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, Field, ValidationError
from shared.http.fields import JSON_INTEGER


class Amount(BaseModel):
    fen: Annotated[int, Field(gt=0, le=10**12), JSON_INTEGER]


@pytest.mark.parametrize(("sent", "read"), [(5, 5), (5.0, 5), (4168.0, 4168), (10**12, 10**12)])
def test_whole_numbers_are_read_as_integers(sent: float, read: int) -> None:
    assert Amount(fen=sent).fen == read
    assert type(Amount(fen=sent).fen) is int


@pytest.mark.parametrize("sent", [5.5, "5", True, 2.0**60, None])
def test_anything_else_is_no_integer(sent: object) -> None:
    with pytest.raises(ValidationError) as refused:
        Amount(fen=sent)
    assert refused.value.errors()[0]["type"] == "int_type"


def test_the_constraints_stay_in_the_schema_and_apply() -> None:
    schema = Amount.model_json_schema()["properties"]["fen"]
    assert schema == {"exclusiveMinimum": 0, "maximum": 10**12, "title": "Fen", "type": "integer"}
    with pytest.raises(ValidationError):
        Amount(fen=0.0)
