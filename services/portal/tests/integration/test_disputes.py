"""劳动争议调解 through the workbench: a mediator logs a contact, turns it into a case (a wrong ID
number beside its field, the rest kept), accepts and settles it and opens the agreement PDF; a
case past the 15-day limit waits on the to-do list; other roles do not see the pages."""

from __future__ import annotations

import re
from datetime import timedelta

from shared.identifiers import today_in_china

from .conftest import Platform, account, person
from .mediation import USCC, Network, mediation_network, registered_case
from .web import User

TODAY = today_in_china()


def intake(network: Network, contact_id: str, id_number: str) -> dict[str, str]:
    return {
        "mediation_org_id": network.centre, "channel": "visit", "category": "wages",
        "received_on": TODAY.isoformat(), "contact_id": contact_id,
        "applicants[0].name": "赵师傅", "applicants[0].id_number": id_number,
        "applicants[0].phone": "13812345678", "applicants[0].migrant_worker": "on",
        "applicants[1].name": "钱师傅", "workers_involved": "2", "migrant_workers": "1",
        "employer_name": "甲公司", "employer_uscc": USCC, "claimed_yuan": "12,345.60",
        "claims": "支付拖欠工资", "facts": "二人被拖欠三个月工资",
    }  # fmt: skip


async def test_a_contact_becomes_a_case_that_is_accepted_and_settled(platform: Platform) -> None:
    network = await mediation_network(platform)
    mediator = await account(platform, "mediator.wang", "mediator", platform.tree.street)
    contact = {"mediation_org_id": network.centre, "channel": "phone", "workers_involved": "2",
               "contacted_on": TODAY.isoformat(), "category": "wages", "topic": "拖欠工资"}  # fmt: skip
    logged = await mediator.submit("/disputes/contacts", "/disputes/contacts", contact)
    assert logged.status_code == 303, logged.text
    contacts = (await mediator.page("/disputes/contacts")).text
    assert "电话" in contacts
    assert "待处理" in contacts
    found = re.search(r"/disputes/cases/new\?contact_id=([0-9a-f-]{36})", contacts)
    assert found, "the open contact offers 转为案件"
    form_page = f"/disputes/cases/new?contact_id={found.group(1)}"
    assert f'value="{found.group(1)}"' in (await mediator.page(form_page)).text

    refused = await mediator.submit("/disputes/cases/new", form_page,
                                    intake(network, found.group(1), "320102199001011235"))  # fmt: skip
    assert refused.status_code == 422
    alerts = re.findall(r'role="alert">(.*?)</', refused.text)
    assert 'id="applicants[0].id_number-error"' in refused.text, alerts  # beside its field
    assert 'value="钱师傅"' in refused.text
    assert 'value="12,345.60"' in refused.text
    assert "二人被拖欠三个月工资</textarea>" in refused.text
    assert re.search(r'name="applicants\[0\].migrant_worker" type="checkbox" value="on" checked',
                     refused.text)  # fmt: skip

    created = await mediator.submit("/disputes/cases/new", form_page,
                                    intake(network, found.group(1), person(7)))  # fmt: skip
    assert created.status_code == 303, created.text
    page = created.headers["location"]
    case_id = page.rsplit("/", 1)[1]
    stored = (await platform.dev.get(f"{platform.disputes}/api/v1/cases/{case_id}")).json()
    assert stored["claimed_fen"] == 1_234_560
    assert stored["workers_involved"] == 2
    assert [a["migrant_worker"] for a in stored["applicants"]] == [True, False]
    assert "已登记" in (await mediator.page(page)).text
    assert "已转为案件" in (await mediator.page("/disputes/contacts")).text

    await _answer_a_contact(mediator, network)
    accepted = await mediator.submit(f"{page}/accept", page, {"accepted_on": TODAY.isoformat()})
    assert accepted.status_code == 303, accepted.text
    detail = (await mediator.page(page)).text
    assert "已受理" in detail
    assert "剩 15 天" in detail
    assert "受理（期限" in detail  # the timeline from the history chain
    await _mediate_and_settle(mediator, network, page)
    await mediator.close()


async def _answer_a_contact(mediator: User, network: Network) -> None:
    contact = {"mediation_org_id": network.centre, "channel": "visit", "workers_involved": "1",
               "contacted_on": TODAY.isoformat(), "topic": "咨询加班费计算"}  # fmt: skip
    logged = await mediator.submit("/disputes/contacts", "/disputes/contacts", contact)
    assert logged.status_code == 303, logged.text
    listing = (await mediator.page("/disputes/contacts?status=open")).text
    found = re.search(r'action="/disputes/contacts/([0-9a-f-]{36})/answer"', listing)
    assert found, "the open contact offers 当场答复"
    answered = await mediator.submit(f"/disputes/contacts/{found.group(1)}/answer",
                                     "/disputes/contacts", {"answer": "已解释加班费计算办法"})  # fmt: skip
    assert answered.status_code == 303, answered.text
    assert "来访已答复办结" in (await mediator.page(answered.headers["location"])).text
    done = (await mediator.page("/disputes/contacts?status=answered")).text
    assert '<td data-label="状态">已答复' in done
    assert f"/disputes/contacts/{found.group(1)}/answer" not in done


async def _mediate_and_settle(mediator: User, network: Network, page: str) -> None:
    today = TODAY.isoformat()
    for step, form in (
        ("mediator", {"mediator_id": network.mediator, "assigned_on": today}),
        ("session", {"scheduled_on": today}),
        ("record", {"session_no": "1", "held_on": today, "attendees": "赵师傅\n甲公司代表",
                    "minutes": "双方同意分期支付"}),
    ):  # fmt: skip
        done = await mediator.submit(f"{page}/{step}", page, form)
        assert done.status_code == 303, (step, done.text)
    settlement = {"agreed_yuan": "10000", "terms": "分两期支付", "signed_on": today,
                  "worker_confirmed": "on"}  # fmt: skip
    refused = await mediator.submit(f"{page}/settle", page, settlement)
    assert refused.status_code == 422  # the employer has not confirmed
    assert 'id="employer_confirmed-error"' in refused.text
    assert 'value="10000"' in refused.text
    settled = await mediator.submit(f"{page}/settle", page,
                                    {**settlement, "employer_confirmed": "on"})  # fmt: skip
    assert settled.status_code == 303, settled.text
    detail = (await mediator.page(page)).text
    assert "调解成功" in detail
    assert "10,000.00 元" in detail
    pdf = await mediator.page(f"{page}/agreement.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


async def test_an_overdue_case_waits_on_the_to_do_list(platform: Platform) -> None:
    network = await mediation_network(platform)
    started = (TODAY - timedelta(days=20)).isoformat()
    case_id = await registered_case(platform, network, started)
    accepted = await platform.dev.post(f"{platform.disputes}/api/v1/cases/{case_id}/accept",
                                       json={"accepted_on": started})  # fmt: skip
    assert accepted.status_code == 200, accepted.text
    mediator = await account(platform, "mediator.sun", "mediator", platform.tree.street)
    todo = (await mediator.page("/")).text
    assert f'href="/disputes/cases/{case_id}"' in todo
    assert "已逾期 5 天" in todo
    listing = (await mediator.page("/disputes/cases")).text
    assert re.search(r'<tr class="overdue"><td data-label="申请人"><a href="/disputes/cases/'
                     + case_id, listing)  # fmt: skip
    await mediator.close()

    officer = await account(platform, "officer.zhou", "assistance_officer", platform.tree.street)
    home = (await officer.page("/")).text
    assert "调解案件" not in home
    assert "接待登记" not in home
    assert "调解期限" not in home
    assert (await officer.page("/disputes/cases")).status_code == 403
    assert (await officer.page(f"/disputes/cases/{case_id}/agreement.pdf")).status_code == 403
    await officer.close()

    auditor = await account(platform, "auditor.qian", "auditor", platform.tree.street)
    read = await auditor.page(f"/disputes/cases/{case_id}")
    assert read.status_code == 200
    assert "已逾期 5 天" in read.text
    assert "<h2>办理</h2>" not in read.text  # auditors read, they take no step
    assert "孙师傅" not in read.text  # nor see names in full
    refused = await auditor.submit(f"/disputes/cases/{case_id}/withdraw", f"/disputes/cases/{case_id}",
                                   {"withdrawn_on": TODAY.isoformat()})  # fmt: skip
    assert refused.status_code == 403
    await auditor.close()
