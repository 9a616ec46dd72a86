"""Values no column or rule can hold are refused by the shared field types: 422 naming the
field, nothing written — never a 500, never accepted as real."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
import pytest

from .conftest import Api, Tree, admit_body
from .probes import assert_problem, table_counts

Send = Callable[[Api, Tree], Awaitable[httpx.Response]]


async def census_beyond_int32(api: Api, tree: Tree) -> httpx.Response:
    census = {"workers": 2**31, "women": 0, "migrant_workers": 0, "effective_on": "2024-01-01"}
    path = f"/api/v1/employers/{tree.employer_a}/census"
    return await api.client.put(path, json=census, headers=api.token())


async def founded_in_year_one(api: Api, tree: Tree) -> httpx.Response:
    body = {
        "kind": "grassroots_union",
        "grassroots_mode": "single",
        "name": "远古工会",
        "parent_id": tree.community_a,
        "founded_on": "0001-01-01",
    }
    return await api.post("/api/v1/organisations", body)


async def nul_in_a_name(api: Api, tree: Tree) -> httpx.Response:
    return await api.post("/api/v1/members", admit_body(tree, 8, name="张\x00三"))


async def nul_in_a_filter(api: Api, tree: Tree) -> httpx.Response:
    return await api.client.get("/api/v1/members", params={"name": "张\x00"}, headers=api.token())


async def offset_beyond_64_bits(api: Api, tree: Tree) -> httpx.Response:
    return await api.client.get(
        "/api/v1/organisations", params={"offset": 2**70}, headers=api.token()
    )


CASES = [
    pytest.param(census_beyond_int32, "workers", id="census-int32"),
    pytest.param(founded_in_year_one, "founded_on", id="founded-0001"),
    pytest.param(nul_in_a_name, "name", id="nul-in-body"),
    pytest.param(nul_in_a_filter, "name", id="nul-in-query"),
    pytest.param(offset_beyond_64_bits, "offset", id="offset-2^70"),
]


@pytest.mark.parametrize(("send", "field"), CASES)
async def test_an_impossible_value_is_a_field_error_and_writes_nothing(
    api: Api, tree: Tree, database_url: str, send: Send, field: str
) -> None:
    before = await table_counts(database_url)

    response = await send(api, tree)

    assert_problem(response, 422, field=field)
    assert await table_counts(database_url) == before
