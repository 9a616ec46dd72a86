"""No personal data at rest in clear, except what the design allows (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from shared.testing.pii_scan import find_in_clear

from .conftest import Api, Tree, admit_body

MEMBERS = "/api/v1/members"
NAME_ALLOWED = {("membership", "members", "name")}
"""Members' names stay in clear for the cadres' name search (docs/ARCHITECTURE.md)."""


async def test_an_admission_leaves_no_id_number_or_mobile_in_clear_anywhere(
    api: Api, tree: Tree, database_url: str
) -> None:
    body = admit_body(tree, 11, name="欧阳秘密")
    headers = {**api.token(), "Idempotency-Key": "pii-scan-1"}
    admitted = await api.client.post(MEMBERS, json=body, headers=headers)
    assert admitted.status_code == 201, admitted.text
    member = admitted.json()["id"]
    revealed = await api.client.get(
        f"{MEMBERS}/{member}", params={"reveal": "true"}, headers=api.token()
    )
    assert revealed.json()["id_number"] == body["id_number"]  # the data exists, in the response

    found = await find_in_clear(database_url, [body["id_number"], body["mobile"], body["name"]])

    in_clear = {(f.place, f.value) for f in found}
    assert {place for place, value in in_clear if value != body["name"]} == set()
    assert {place for place, value in in_clear if value == body["name"]} <= NAME_ALLOWED
