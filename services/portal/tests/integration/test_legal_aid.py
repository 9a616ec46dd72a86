"""法律援助 through the workbench: aid granted to a worker without a case (no worker named refused
beside the name field, the rest kept), concluded from the list (an amount in words refused), and
read by an auditor without the forms."""

from __future__ import annotations

import re

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import mediation_network

PAGE = "/disputes/legal-aid"
TODAY = today_in_china().isoformat()


async def test_legal_aid_to_a_worker_is_granted_and_concluded(platform: Platform) -> None:
    await mediation_network(platform)  # disputes knows the street by now
    mediator = await account(platform, "mediator.lu", "mediator", platform.tree.street)
    form = {"org_id": platform.tree.street, "provider": "玄武区法律援助中心",
            "stage": "first_instance", "granted_on": TODAY, "worker_name": ""}  # fmt: skip
    refused = await mediator.submit(PAGE, PAGE, form)
    assert refused.status_code == 422
    assert re.search(r'id="worker_name-error" role="alert">[^<]+</p>', refused.text)
    assert 'value="玄武区法律援助中心"' in refused.text
    assert re.search(r'<option value="first_instance"\s+selected', refused.text)
    granted = await mediator.submit(PAGE, PAGE, {**form, "worker_name": "严师傅"})
    assert granted.status_code == 303, granted.text
    listing = (await mediator.page(PAGE)).text
    assert '<td data-label="案件">职工个人</td>' in listing
    assert "严师傅" not in listing  # the name stays sealed in the service
    action = re.search(r'action="(/disputes/legal-aid/[0-9a-f-]{36}/conclusion)"', listing)
    assert action, "an open aid offers 援助结案"

    words = await mediator.submit(action.group(1), PAGE,
                                  {"outcome": "won", "amount_yuan": "五千", "concluded_on": TODAY})  # fmt: skip
    assert "未能结案" in (await mediator.page(words.headers["location"])).text
    done = await mediator.submit(action.group(1), PAGE,
                                 {"outcome": "won", "amount_yuan": "5000", "concluded_on": TODAY})  # fmt: skip
    assert done.status_code == 303, done.text
    assert "胜诉/支持，获得 5,000.00 元" in (await mediator.page(PAGE)).text
    stored = (await platform.dev.get(f"{platform.disputes}/api/v1/legal-aid")).json()["items"]
    assert [(a["stage"], a["outcome"], a["amount_fen"]) for a in stored] == [
        ("first_instance", "won", 500_000)]  # fmt: skip
    await mediator.close()

    auditor = await account(platform, "auditor.lu", "auditor", platform.tree.street)
    read = (await auditor.page(PAGE)).text
    assert "胜诉/支持" in read
    assert "为职工申请法律援助" not in read
    await auditor.close()
