"""案件登记 with a census employer as the respondent: picked from membership's employers of the
mediator's scope, stored by disputes with its id and credit code, named on the case page; with
neither a census employer nor a name, the service's refusal beside the name, the rest kept."""

from __future__ import annotations

import asyncio
import re

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import mediation_network

FORM = "/disputes/cases/new"


def intake(centre: str, **employer: str) -> dict[str, str]:
    return {"mediation_org_id": centre, "channel": "visit", "category": "wages",
            "received_on": today_in_china().isoformat(), "applicants[0].name": "周欠薪",
            "workers_involved": "1", "claimed_yuan": "6000", "claims": "支付拖欠工资",
            "facts": "三个月未发工资", **employer}  # fmt: skip


async def test_a_census_employer_is_the_respondent(platform: Platform) -> None:
    network = await mediation_network(platform)
    census = (await platform.dev.get(
        f"{platform.membership}/api/v1/employers/{platform.tree.employer}")).json()  # fmt: skip
    mediator = await account(platform, "mediator.census", "mediator", platform.tree.street)
    page = (await mediator.page(FORM)).text
    assert re.search(rf'<option value="{platform.tree.employer}"\s*>[^<]*{census["uscc"]}', page)

    nobody = await mediator.submit(FORM, FORM, intake(network.centre))
    assert nobody.status_code == 422
    assert re.search(r'id="employer_name-error" role="alert">须指明用人单位', nobody.text)
    assert "三个月未发工资</textarea>" in nobody.text  # what was typed is kept

    for _ in range(120):  # the employer reaches disputes' replica through NATS
        made = await mediator.submit(FORM, FORM, intake(network.centre,
                                                        employer_id=platform.tree.employer))  # fmt: skip
        if made.status_code == 303:
            break
        assert 'id="employer_id-error"' in made.text, made.text
        await asyncio.sleep(0.5)
    assert made.status_code == 303, made.text
    case_page = made.headers["location"]
    stored = (await platform.dev.get(
        f"{platform.disputes}/api/v1/cases/{case_page.rsplit('/', 1)[1]}")).json()  # fmt: skip
    assert (stored["employer_id"], stored["employer_uscc"]) == (platform.tree.employer,
                                                                census["uscc"])  # fmt: skip
    shown = (await mediator.page(case_page)).text
    assert f"<dt>用人单位</dt><dd>{census['name']}</dd>" in shown
    await mediator.close()
