"""调解网络 through the workbench: a street mediator sets up a community mediation room and its
mediator, appoints an enterprise's early-warning reporter, records the risk reported and retires
the reporter; each refusal from the service is shown beside its field with what was typed."""

from __future__ import annotations

import re

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import mediation_network

PAGE = "/disputes/network"
TODAY = today_in_china().isoformat()


def _alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def test_a_mediator_builds_the_network_and_records_a_risk(platform: Platform) -> None:
    network = await mediation_network(platform)  # disputes knows the street by now
    mediator = await account(platform, "mediator.qin", "mediator", platform.tree.street)
    room = {"org_id": platform.tree.community, "kind": "community_room", "name": ""}
    refused = await mediator.submit(f"{PAGE}/orgs", PAGE, room)
    assert refused.status_code == 422
    _alert(refused.text, "name")
    assert re.search(r'<option value="community_room"\s+selected', refused.text)
    made = await mediator.submit(f"{PAGE}/orgs", PAGE, {**room, "name": "汉中门社区调解室"})
    assert made.status_code == 303, made.text
    listing = (await mediator.page(PAGE)).text
    assert '<td data-label="名称">汉中门社区调解室</td>' in listing
    assert "汉中门社区工联会" in listing  # the node named from membership
    orgs = (await platform.dev.get(f"{platform.disputes}/api/v1/mediation-orgs")).json()["items"]
    room_id = next(o["id"] for o in orgs if o["name"] == "汉中门社区调解室")

    appointed = await mediator.submit(f"{PAGE}/mediators", PAGE,
                                      {"mediation_org_id": room_id, "name": "周调解",
                                       "phone": "13900001111"})  # fmt: skip
    assert appointed.status_code == 303, appointed.text
    people = (await platform.dev.get(f"{platform.disputes}/api/v1/people",
                                     params={"role": "mediator"})).json()["items"]  # fmt: skip
    assert {p["mediation_org_id"] for p in people} == {network.centre, room_id}

    reporter = {"org_id": platform.tree.community, "employer_id": "", "name": "吴预警"}
    no_employer = await mediator.submit(f"{PAGE}/reporters", PAGE, reporter)
    assert no_employer.status_code == 422
    _alert(no_employer.text, "employer_id")
    assert 'value="吴预警"' in no_employer.text
    reporter["employer_id"] = platform.tree.employer
    assert (await mediator.submit(f"{PAGE}/reporters", PAGE, reporter)).status_code == 303
    listing = (await mediator.page(PAGE)).text
    assert '<td data-label="所在企业">甲公司</td>' in listing
    reporter_id = re.search(r'<option value="([0-9a-f-]{36})"[^>]*>吴\*', listing)
    assert reporter_id, "the reporter is offered, masked, on the warning form"

    warning = {"reporter_id": reporter_id.group(1), "risk": "wage_arrears",
               "workers_at_risk": "很多", "reported_on": TODAY, "note": "两个月未发工资"}  # fmt: skip
    refused = await mediator.submit(f"{PAGE}/warnings", PAGE, warning)
    assert refused.status_code == 422
    _alert(refused.text, "workers_at_risk")
    assert "两个月未发工资</textarea>" in refused.text
    recorded = await mediator.submit(f"{PAGE}/warnings", PAGE, {**warning, "workers_at_risk": "30"})
    assert recorded.status_code == 303, recorded.text
    listing = (await mediator.page(PAGE)).text
    assert re.search(
        r'<td data-label="风险">欠薪</td><td data-label="涉及职工">30 人</td>', listing
    )
    stored = (await platform.dev.get(f"{platform.disputes}/api/v1/warnings")).json()["items"]
    assert [(w["risk"], w["workers_at_risk"]) for w in stored] == [("wage_arrears", 30)]

    retired = await mediator.submit(f"/disputes/people/{reporter_id.group(1)}/retirement", PAGE, {})
    assert retired.status_code == 303, retired.text
    assert "已办理离任" in (await mediator.page(PAGE)).text
    await mediator.close()

    officer = await account(platform, "officer.fang", "assistance_officer", platform.tree.street)
    assert (await officer.page(PAGE)).status_code == 403
    await officer.close()
