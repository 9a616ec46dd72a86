"""Bad requests get problem+json naming the field at fault, and write nothing at all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any
from uuid import uuid4

import httpx
import orjson
import pytest
from shared.http.problems import DEFAULT_MAX_BODY_BYTES
from shared.identifiers import make_uscc, today_in_china

from .conftest import Api, Tree, admit_body
from .probes import assert_problem, table_counts

MEMBERS = "/api/v1/members"
EMPLOYERS = "/api/v1/employers"
Send = Callable[[Api, Tree], Awaitable[httpx.Response]]


def body_limit(api: Api) -> int:
    """The body cap of every route but the roster upload: the kit's default."""
    return DEFAULT_MAX_BODY_BYTES


async def post_raw(api: Api, path: str, content: bytes | AsyncIterator[bytes]) -> httpx.Response:
    headers = {**api.token(), "Content-Type": "application/json"}
    return await api.client.post(path, content=content, headers=headers)


async def admit(api: Api, tree: Tree, **changes: Any) -> httpx.Response:
    body = {key: value for key, value in admit_body(tree, 7, **changes).items() if value is not ...}
    return await api.post(MEMBERS, body)


async def bad_id_check_digit(api: Api, tree: Tree) -> httpx.Response:
    number = admit_body(tree, 7)["id_number"]
    wrong = "0" if number[-1] != "0" else "1"
    return await admit(api, tree, id_number=number[:-1] + wrong)


async def bad_uscc(api: Api, tree: Tree) -> httpx.Response:
    good = make_uscc("91320100MA0000099")
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    body = {
        "uscc": wrong,
        "name": "错码单位",
        "registration_type": "173",
        "industry": "制造业",
        "territory_org_id": tree.community_a,
    }
    return await api.post(EMPLOYERS, body)


async def duplicate_uscc(api: Api, tree: Tree) -> httpx.Response:
    # employer_a's code (seq 1 in the conftest), typed in lower case
    taken = make_uscc(f"91320100MA{1:07d}").lower()
    body = {
        "uscc": taken,
        "name": "重复登记单位",
        "registration_type": "173",
        "industry": "制造业",
        "territory_org_id": tree.community_b,
    }
    return await api.post(EMPLOYERS, body)


async def unknown_union(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, union_id=str(uuid4()))


async def unknown_employer(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, employer_id=str(uuid4()))


async def malformed_json(api: Api, tree: Tree) -> httpx.Response:
    return await post_raw(api, MEMBERS, b'{"name": "\xe7\x8e\x8b7", "id_number": ')


async def oversized_declared(api: Api, tree: Tree) -> httpx.Response:
    return await post_raw(api, MEMBERS, b" " * (body_limit(api) + 1))


async def oversized_streamed(api: Api, tree: Tree) -> httpx.Response:
    # No Content-Length: the limit has to be enforced while the body is read.
    chunk, total = 64 * 1024, body_limit(api) + 1

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, total, chunk):
            yield b" " * min(chunk, total - start)

    return await post_raw(api, MEMBERS, chunks())


async def unknown_field(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, nickname="小王")


async def missing_name(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, name=...)


async def bad_mobile(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, mobile="1381234567")


async def future_join_date(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, joined_on=str(today_in_china() + timedelta(days=1)))


async def joined_before_sixteen(api: Api, tree: Tree) -> httpx.Response:
    return await admit(api, tree, joined_on="2000-01-01")  # born 1990


CASES = [
    pytest.param(bad_id_check_digit, 422, "id_number", id="id-check-digit"),
    pytest.param(bad_uscc, 422, "uscc", id="uscc-check-char"),
    pytest.param(duplicate_uscc, 409, "uscc", id="duplicate-uscc"),
    pytest.param(unknown_union, 404, "union_id", id="unknown-union"),
    pytest.param(unknown_employer, 404, "employer_id", id="unknown-employer"),
    pytest.param(malformed_json, 400, None, id="malformed-json"),
    pytest.param(oversized_declared, 413, None, id="oversized-declared"),
    pytest.param(oversized_streamed, 413, None, id="oversized-streamed"),
    pytest.param(unknown_field, 422, "nickname", id="unknown-field"),
    pytest.param(missing_name, 422, "name", id="missing-name"),
    pytest.param(bad_mobile, 422, "mobile", id="bad-mobile"),
    pytest.param(future_join_date, 422, "joined_on", id="future-join-date"),
    pytest.param(joined_before_sixteen, 422, "joined_on", id="joined-before-16"),
]


@pytest.mark.parametrize(("send", "status", "field"), CASES)
async def test_bad_request_is_a_problem_and_writes_nothing(
    api: Api, tree: Tree, database_url: str, send: Send, status: int, field: str | None
) -> None:
    before = await table_counts(database_url)

    response = await send(api, tree)

    assert_problem(response, status, field=field)
    assert await table_counts(database_url) == before


async def test_a_body_of_exactly_the_limit_is_accepted(api: Api, tree: Tree) -> None:
    body = orjson.dumps(admit_body(tree, 7))
    padded = body + b" " * (body_limit(api) - len(body))

    response = await post_raw(api, MEMBERS, padded)

    assert response.status_code == 201, response.text


async def test_a_dissolved_union_admits_nobody(api: Api, tree: Tree, database_url: str) -> None:
    dissolve = {"dissolved_on": "2024-05-01"}
    await api.post(f"/api/v1/organisations/{tree.union_b}/dissolve", dissolve, expect=200)
    before = await table_counts(database_url)

    response = await admit(api, tree, union_id=tree.union_b, employer_id=tree.employer_b)

    body = assert_problem(response, 422, field="union_id")
    assert body["type"] == "urn:unionhub:problem:membership.organisation_not_active"
    assert await table_counts(database_url) == before
