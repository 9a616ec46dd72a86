"""Who may see and change which members: roles, organisation scope, tokens and masking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import jwt
import pytest
import pytest_asyncio
from shared.pii import mask_id_number, mask_mobile, mask_name

from .conftest import Api, Tree, admit_body
from .probes import assert_problem, count

MEMBERS = "/api/v1/members"


@dataclass(frozen=True)
class Admitted:
    """One member of each community, as the admin entered them."""

    a: dict[str, Any]
    b: dict[str, Any]
    a_id: str
    b_id: str


@pytest_asyncio.fixture
async def admitted(api: Api, tree: Tree) -> Admitted:
    body_a = admit_body(tree, 1, name="欧阳娜娜")
    body_b = admit_body(tree, 2, union=tree.union_b, employer=tree.employer_b, mobile="13900001111")
    a = await api.post(MEMBERS, body_a, expect=201)
    b = await api.post(MEMBERS, body_b, expect=201)
    return Admitted(body_a, body_b, a.json()["id"], b.json()["id"])


async def listed_ids(api: Api, headers: dict[str, str], **params: str) -> set[str]:
    response = await api.client.get(MEMBERS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_a_cadre_sees_only_members_of_their_community(
    api: Api, tree: Tree, admitted: Admitted
) -> None:
    cadre_a = api.token("union_cadre", tree.community_a)

    assert await listed_ids(api, cadre_a) == {admitted.a_id}
    # A filter naming the other community's union does not widen the scope.
    assert await listed_ids(api, cadre_a, union_id=tree.union_b) == set()
    own = await api.client.get(f"{MEMBERS}/{admitted.a_id}", headers=cadre_a)
    assert own.status_code == 200
    foreign = await api.client.get(f"{MEMBERS}/{admitted.b_id}", headers=cadre_a)
    assert_problem(foreign, 404)
    history = await api.client.get(f"{MEMBERS}/{admitted.b_id}/transfers", headers=cadre_a)
    assert_problem(history, 404)


async def test_a_cadre_cannot_admit_into_or_transfer_out_of_another_community(
    api: Api, tree: Tree, admitted: Admitted, database_url: str
) -> None:
    cadre_a = api.token("union_cadre", tree.community_a)
    body = admit_body(tree, 3, union=tree.union_b, employer=tree.employer_b)

    admission = await api.post(MEMBERS, body, headers=cadre_a)
    move = {"to_union_id": tree.union_a, "effective_on": "2024-06-01", "reason": "job_change"}
    transfer = await api.post(f"{MEMBERS}/{admitted.b_id}/transfer", move, headers=cadre_a)

    # Answered as if the union and the member did not exist: a write discloses no more than a read.
    assert_problem(admission, 404, field="union_id")
    assert_problem(transfer, 404, field="member_id")
    unknown = await api.post(f"{MEMBERS}/{uuid4()}/transfer", move, headers=cadre_a)
    assert transfer.json()["title"] == unknown.json()["title"]
    assert transfer.json()["detail"] == unknown.json()["detail"]
    assert await count(database_url, "members") == 2
    assert await count(database_url, "transfers") == 0
    # Nor may one's own union admit a person employed in the other community.
    borrowed = admit_body(tree, 5, union=tree.union_a, employer=tree.employer_b)
    assert_problem(await api.post(MEMBERS, borrowed, headers=cadre_a), 404, field="employer_id")
    assert await count(database_url, "members") == 2
    unmoved = await api.client.get(f"{MEMBERS}/{admitted.b_id}", headers=api.token())
    assert unmoved.json()["union_id"] == tree.union_b


async def test_a_district_analyst_reads_both_communities_masked_and_writes_nothing(
    api: Api, tree: Tree, admitted: Admitted, database_url: str
) -> None:
    analyst = api.token("analyst", tree.district)

    assert await listed_ids(api, analyst) == {admitted.a_id, admitted.b_id}
    for reveal in ("false", "true"):  # an analyst may not reveal
        seen = await api.client.get(
            f"{MEMBERS}/{admitted.b_id}", params={"reveal": reveal}, headers=analyst
        )
        assert seen.status_code == 200
        member = seen.json()
        assert member["id_number"] == mask_id_number(admitted.b["id_number"])
        assert member["mobile"] == mask_mobile(admitted.b["mobile"])
        assert member["name"] == mask_name(admitted.b["name"]) != admitted.b["name"]
    listed = (await api.client.get(MEMBERS, headers=analyst)).json()["items"]
    assert {m["name"] for m in listed} == {"欧阳**", "王*"}

    refused = await api.post(MEMBERS, admit_body(tree, 4), headers=analyst)
    assert_problem(refused, 403)
    assert await count(database_url, "members") == 2


async def test_a_cadre_in_scope_reveals_id_number_and_mobile_on_request(
    api: Api, tree: Tree, admitted: Admitted
) -> None:
    cadre_b = api.token("union_cadre", tree.community_b)
    url = f"{MEMBERS}/{admitted.b_id}"

    masked = (await api.client.get(url, headers=cadre_b)).json()
    revealed = (await api.client.get(url, params={"reveal": "true"}, headers=cadre_b)).json()

    assert masked["id_number"] == mask_id_number(admitted.b["id_number"])
    assert masked["name"] == admitted.b["name"]  # cadres work with real names
    assert revealed["id_number"] == admitted.b["id_number"]
    assert revealed["mobile"] == admitted.b["mobile"]
    elsewhere = await api.client.get(
        f"{MEMBERS}/{admitted.a_id}", params={"reveal": "true"}, headers=cadre_b
    )
    assert_problem(elsewhere, 404)


async def test_a_token_scoped_to_an_unknown_organisation_sees_nothing(
    api: Api, admitted: Admitted
) -> None:
    stray = api.token("union_cadre", str(uuid4()))

    for path in (MEMBERS, f"{MEMBERS}/{admitted.a_id}"):
        assert_problem(await api.client.get(path, headers=stray), 403)


def forged(api: Api, *, key: str | None = None, **changes: Any) -> dict[str, str]:
    """A token valid in every respect except ``changes``."""
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": "forger",
        "roles": ["city_admin"],
        "iss": api.settings.jwt_issuer,
        "aud": api.settings.jwt_audience,
        "iat": now,
        "exp": now + timedelta(hours=1),
        **changes,
    }
    secret = key or api.settings.jwt_secret.get_secret_value()
    return {"Authorization": f"Bearer {jwt.encode(claims, secret, algorithm='HS256')}"}


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"exp": datetime.now(UTC) - timedelta(minutes=5)}, id="expired"),
        pytest.param({"aud": "another-platform"}, id="wrong-audience"),
        pytest.param({"iss": "someone-else"}, id="wrong-issuer"),
        pytest.param({"key": "not-the-platform-secret-but-long-enough-0123"}, id="wrong-key"),
    ],
)
async def test_unacceptable_tokens_are_refused_with_401(
    api: Api, tree: Tree, admitted: Admitted, changes: dict[str, Any]
) -> None:
    headers = forged(api, **changes)

    listing = await api.client.get(MEMBERS, headers=headers)
    admission = await api.post(MEMBERS, admit_body(tree, 5), headers=headers)

    for response in (listing, admission):
        assert_problem(response, 401)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


async def test_no_token_is_refused_with_401(api: Api, admitted: Admitted) -> None:
    response = await api.client.get(f"{MEMBERS}/{admitted.a_id}")

    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"
