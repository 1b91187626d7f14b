"""Notice of contracts ending: within [modules.hr] contract_notice_days of its last day a
contract is announced to the employee's manager and to HR (the department coded
hr_department_code), once: a second run, or runs racing over real HTTP, send nothing twice."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from hr_helpers import CONTRACT_CREATE, DEPARTMENT, MODULES, hire, pk, town_hall

SEND = """
mutation($i: ContractNoticesSendInput!) {
  contractNoticesSend(input: $i) { sent errors { field code message } }
}
"""
MEMBER = """
mutation($i: DepartmentMemberAddInput!) {
  departmentMemberAdd(input: $i) { department { id } errors { field code } }
}
"""
INBOX = "{ notifications(first: 10) { edges { node { kind title body } } } }"


def _in(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


@pytest.fixture(autouse=True)
def _ten_days(monkeypatch: pytest.MonkeyPatch) -> None:
    from sportello_hr.services import _common
    from sportello_hr.settings import HrSettings

    monkeypatch.setattr(_common, "_settings", HrSettings(contract_notice_days=10))


async def _setup(h):
    place = await town_hall(h)
    boss = await hire(h, place, "Bruno Capo", roles=("manager",))
    hr = await hire(h, place, "Rita Personale", roles=("back_office",))
    dept = await h.ok(DEPARTMENT, {"i": {"name": "Risorse umane", "code": "HR"}})
    added = await h.ok(
        MEMBER,
        {"i": {"departmentId": dept["departmentCreate"]["department"]["id"], "userId": hr.user_id}},
    )
    assert added["departmentMemberAdd"]["errors"] == [], added
    return place, boss, hr


async def _contract(h, person, end: str | None) -> str:
    kind = "PERMANENT" if end is None else "FIXED_TERM"
    data = await h.ok(
        CONTRACT_CREATE,
        {"i": {"employeeId": person.id, "kind": kind, "start": "2025-01-01", "end": end}},
    )
    assert data["contractCreate"]["errors"] == [], data
    contract: str = data["contractCreate"]["contract"]["id"]
    return contract


async def test_a_contract_ending_soon_is_announced_once(sportello_app) -> None:
    from sportello.notify.models import Delivery

    async with sportello_app(MODULES) as h:
        place, boss, hr = await _setup(h)
        anna = await hire(h, place, "Anna Scadenza", manager=boss)
        bea = await hire(h, place, "Bea Lontana", manager=boss)
        carlo = await hire(h, place, "Carlo Fisso", manager=boss)
        await _contract(h, anna, _in(7))
        await _contract(h, bea, _in(40))
        await _contract(h, carlo, None)

        # The employee cannot run it; HR's manager role can.
        denied = await h.gql(SEND, {"i": {}}, token=anna.token)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        sent = await h.ok(SEND, {"i": {}})
        assert sent["contractNoticesSend"] == {"sent": 1, "errors": []}
        rows = await Delivery.filter(kind="hr.contract_ending")
        assert {d.user_id for d in rows} == {pk(boss.user_id), pk(hr.user_id)}
        assert {d.channel for d in rows} == {"email", "in_app"}
        # In the reader's language, with the name, the date and the days left.
        inbox = await h.ok(INBOX, token=hr.token)
        note = inbox["notifications"]["edges"][0]["node"]
        assert note["kind"] == "hr.contract_ending"
        assert "anna.scadenza@town.example" in note["title"] and _in(7) in note["title"]
        assert "7" in note["body"]

        again = await h.ok(SEND, {"i": {}})
        assert again["contractNoticesSend"]["sent"] == 0
        assert await Delivery.filter(kind="hr.contract_ending").count() == len(rows)


async def test_racing_runs_announce_each_contract_once(sportello_app) -> None:
    from sportello.notify.models import Delivery
    from sportello_hr.models import ContractNotice

    async with sportello_app(MODULES, live=True) as h:
        place, boss, hr = await _setup(h)
        people = [await hire(h, place, f"Persona {n}", manager=boss) for n in range(3)]
        for n, person in enumerate(people):
            await _contract(h, person, _in(n + 1))
        results = await asyncio.gather(*(h.gql(SEND, {"i": {}}) for _ in range(8)))
        assert all(not r.get("errors") for r in results), results
        assert sum(r["data"]["contractNoticesSend"]["sent"] for r in results) == 3
        assert await ContractNotice.all().count() == 3
        # Two recipients, two channels, three contracts: twelve rows, none twice.
        assert await Delivery.filter(kind="hr.contract_ending").count() == 12


async def test_the_core_schedulers_daily_job_announces_once(sportello_app) -> None:
    """The notices are a daily job of the core scheduler: runners racing (here: tasks, on
    PostgreSQL on separate connections) run the day once, and the contract is announced once."""
    from sportello.notify.models import Delivery
    from sportello.schedule.plugin import collect_jobs
    from sportello.schedule.services import run_due_jobs

    async with sportello_app(MODULES, schedule={"jobs": False}) as h:
        place, boss, hr = await _setup(h)
        anna = await hire(h, place, "Anna Scadenza", manager=boss)
        await _contract(h, anna, _in(7))
        (job,) = [j for j in collect_jobs(h.runtime) if j.name == "hr.contract_notices"]
        today = dt.datetime.now(dt.UTC).date()
        before = dt.datetime.combine(today, dt.time(5, 59), dt.UTC)
        assert await run_due_jobs([job], before) == []
        at = dt.datetime.combine(today, dt.time(6, 0), dt.UTC)
        ran = await asyncio.gather(*(run_due_jobs([job], at) for _ in range(3)))
        assert [r for runs in ran for r in runs] == [f"hr.contract_notices * {today}"]
        rows = await Delivery.filter(kind="hr.contract_ending")
        assert {d.user_id for d in rows} == {pk(boss.user_id), pk(hr.user_id)}
