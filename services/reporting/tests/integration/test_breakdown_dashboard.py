"""The breakdowns dashboard and export: employers by ownership class and size band,
organisations, committees and contracts by party, 含下级 and 本级, drilling down to children.

The hand-computed district of :mod:`.scenario`: on 2024-06-30 S1 holds A (UA; EA1 100 workers,
covered, and EA2 50, not) and S2 holds B (UB; EB1 80, covered); every employer is private.
K1 (UA, own union) is in force from 03-01; K2 (UB, regional union) is signed 09-01 and ended
12-01.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

from reporting.entrypoints.pages.session import SESSION_COOKIE
from shared.auth import issue_token

from .test_api import Client, client

__all__ = ["client"]
PAGE = "/dashboard/breakdowns"
EXPORT = "/api/v1/statistics/breakdowns/export"


async def page(client: Client, role: str = "city_admin", **params: str) -> str:
    token = issue_token(client.settings, subject=f"{role}-tester", roles=[role], org_id=None)
    client.http.cookies.set(SESSION_COOKIE, token)
    response = await client.http.get(PAGE, params=params)
    assert response.status_code == 200, response.text
    return unescape(response.text)


def section_rows(html: str, breakdown: str) -> list[list[str]]:
    """The table rows of one breakdown's section, each as its cells' text."""
    section = html.split(f'data-breakdown="{breakdown}"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.findall(r"<td>(.*?)</td>", row) for row in body.split("</tr>") if "<td>" in row]


def bars(html: str, breakdown: str) -> dict[str, int]:
    section = html.split(f'data-breakdown="{breakdown}"', 1)[1].split("</section>", 1)[0]
    found = re.findall(r'class="breakdown-bar" data-label="([^"]*)" data-count="(\d+)"', section)
    return {label: int(count) for label, count in found}


async def test_the_employer_sections_show_the_apis_figures_with_a_chart(client: Client) -> None:
    s = client.scenario
    html = await page(client, org_id=str(s.district), period="2024H1")
    for breakdown in ("ownership_class", "size_band"):
        api = (
            await client.get("/api/v1/statistics/employers", org_id=str(s.district),
                             period="2024H1", breakdown=breakdown)
        ).json()  # fmt: skip
        rows = section_rows(html, breakdown)
        assert [row[1] for row in rows[:-1]] == [str(g["employers"]) for g in api["groups"]]
        total = api["total"]
        assert rows[-1][:3] == ["合计", str(total["employers"]), str(total["workers"])]
        drawn = bars(html, breakdown)
        assert sum(drawn.values()) == total["employers"] == 3
    private = next(r for r in section_rows(html, "ownership_class") if r[0] == "私营")
    assert private == ["私营", "3", "230", "115", "57", "2", "180", "66.7"]


async def test_organisations_committees_and_contracts_by_party(client: Client) -> None:
    s = client.scenario
    html = await page(client, org_id=str(s.district), period="2024")
    api = (await client.get("/api/v1/statistics/breakdowns", org_id=str(s.district),
                            period="2024")).json()  # fmt: skip
    organisations = {row[0]: row[1] for row in section_rows(html, "organisations")}
    assert organisations["组织总数"] == str(api["organisations"]["total"])
    assert organisations["基层工会"] == str(api["organisations"]["by_kind"]["grassroots_union"])
    assert section_rows(html, "contracts") == [
        ["本单位工会", "1", "2", "150", "1", "2", "150"],
        ["区域性工会", "0", "0", "0", "1", "1", "80"],
        ["行业性工会", "0", "0", "0", "0", "0", "0"],
        ["合计", "1", "2", "150", "2", "3", "230"],
    ]
    assert bars(html, "contracts") == {"本单位工会": 1, "区域性工会": 0, "行业性工会": 0}
    assert dict(section_rows(html, "committees"))["在任委员会"] == "0"


async def test_children_drill_down_and_the_own_level_toggle(client: Client) -> None:
    s = client.scenario
    html = await page(client, org_id=str(s.district), period="2024H1")
    children = re.findall(
        r'<tr class="child" data-org-id="([^"]+)"><td><a class="drill" href="([^"]+)">', html
    )
    assert {org for org, _ in children} == {str(s.s1), str(s.s2)}
    links = dict(children)
    assert links[str(s.s1)] == f"{PAGE}?org_id={s.s1}&period=2024H1"
    rows = {org: re.findall(r"<td>([^<]*)</td>", html.split(f'data-org-id="{org}"')[1].split(
        "</tr>")[0]) for org in links}  # fmt: skip
    # 单位数, 已建会单位数, 建会率, 工会组织数, 在任委员会, 在执行合同
    assert rows[str(s.s1)] == ["2", "1", "50.0", "3", "0", "1"]
    assert rows[str(s.s2)] == ["1", "1", "100.0", "3", "0", "0"]

    drilled = await page(client, org_id=str(s.s1), period="2024H1")
    assert section_rows(drilled, "ownership_class")[-1][:2] == ["合计", "2"]
    own = await page(client, org_id=str(s.s1), period="2024H1", scope="self")
    assert section_rows(own, "ownership_class")[-1][:2] == ["合计", "0"]
    assert dict(section_rows(own, "organisations"))["组织总数"] == "1"
    assert 'class="child"' not in own
    assert re.search(r'<a href="[^"]*scope=self" aria-current="true"', own)


async def test_each_breakdown_exports_as_csv_and_xlsx(client: Client) -> None:
    s = client.scenario
    response = await client.get(EXPORT, org_id=str(s.district), period="2024",
                                breakdown="contracts", format="csv")  # fmt: skip
    assert response.status_code == 200, response.text
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:2] == ["签约方", "在执行合同数"]
    assert lines[-1] == ["合计", "1", "2", "150", "2", "3", "230"]
    own = await client.get(EXPORT, org_id=str(s.s1), period="2024H1", breakdown="ownership_class",
                           scope="self", format="csv")  # fmt: skip
    assert list(csv.reader(io.StringIO(own.content.decode("utf-8-sig"))))[-1][:2] == ["合计", "0"]
    xlsx = await client.get(EXPORT, org_id=str(s.district), period="2024H1",
                            breakdown="size_band", format="xlsx")  # fmt: skip
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert "filename*=UTF-8''" in xlsx.headers["content-disposition"]
    cadre = await client.get(EXPORT, "union_cadre", s.a, org_id=str(s.district), period="2024H1")
    assert cadre.status_code == 404
