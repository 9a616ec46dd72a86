"""案件审计 in the workbench: the scope's history chains verified only when asked (the count the
service gives), the scope's reads filtered by a workbench username and by Beijing days (an
unknown user and a period ending before it starts refused beside their fields, typed values
kept), and a mediator without the menu entry or the page."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import today_in_china

from .conftest import Platform, account
from .mediation import mediation_network, registered_case

PAGE = "/disputes/audit"
TODAY = today_in_china()


def rows(page: str) -> list[str]:
    return re.findall(r'<tr><td data-label="查阅时间">(.*?)</tr>', page, re.S)


def alert(text: str, field: str) -> str:
    found = re.search(rf'id="{re.escape(field)}-error" role="alert">(.*?)</p>', text)
    assert found, f"no error beside {field}"
    return found.group(1)


async def test_chains_verified_and_reads_filtered_by_reader_and_day(platform: Platform) -> None:
    case_id = await registered_case(platform, await mediation_network(platform), TODAY.isoformat())
    mediator = await account(platform, "mediator.audit", "mediator", platform.tree.street, "吴调解")
    assert (await mediator.page(f"/disputes/cases/{case_id}")).status_code == 200
    assert f'href="{PAGE}"' not in (await mediator.page("/")).text
    assert (await mediator.page(PAGE)).status_code == 403

    auditor = await account(platform, "auditor.audit", "auditor", platform.tree.street, "郑审计")
    first = (await auditor.page(PAGE)).text
    assert f'href="{PAGE}"' in first  # in the menu
    assert "已核验" not in first  # the chains are recomputed only when asked
    verified = (await auditor.page(f"{PAGE}?verify=true")).text
    served = await platform.dev.get(f"{platform.disputes}/api/v1/audit/history-verification")
    assert served.json()["intact"] is True
    assert f"已核验 {served.json()['cases_checked']} 件案件，办理记录完整" in verified

    by_mediator = (await auditor.page(f"{PAGE}?reader=mediator.audit")).text
    read = rows(by_mediator)
    assert read, "the mediator's reads are listed"
    assert all("吴调解（mediator.audit）" in row for row in read)
    assert any("查看案件（显示完整信息）" in row and case_id in row for row in read)
    assert 'value="mediator.audit"' in by_mediator

    unknown = await auditor.page(f"{PAGE}?reader=nobody.here&since={TODAY.isoformat()}")
    assert unknown.status_code == 422
    assert "没有这个工作台账号" in alert(unknown.text, "reader")
    assert f'value="{TODAY.isoformat()}"' in unknown.text
    backwards = await auditor.page(
        f"{PAGE}?since={TODAY.isoformat()}&until={(TODAY - timedelta(days=1)).isoformat()}"
    )
    assert backwards.status_code == 422
    assert alert(backwards.text, "until") == "结束日期不能早于开始日期"
    today_only = (await auditor.page(f"{PAGE}?since={TODAY}&until={TODAY}")).text
    assert any(case_id in row for row in rows(today_only))  # the end day is included
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert "暂无查阅记录" in (await auditor.page(f"{PAGE}?since={tomorrow}")).text
    await mediator.close()
    await auditor.close()
