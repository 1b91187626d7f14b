"""Leave under concurrency, over real HTTP: twenty requests racing against a balance of three
days never get more than three days through, and racing requests for the same day never
both hold it. Run on PostgreSQL too (SPORTELLO_TEST_POSTGRES_URL), where the requests really
run in parallel transactions."""

from __future__ import annotations

import asyncio
import datetime as dt

from hr_helpers import (
    BALANCES,
    LEAVE_APPROVE,
    LEAVE_CREATE,
    MODULES,
    allocate,
    annual_leave,
    hire,
    pk,
    town_hall,
)

RACERS = 20


def _weekdays(start: dt.date, n: int) -> list[dt.date]:
    out: list[dt.date] = []
    day = start
    while len(out) < n:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


async def test_twenty_requests_against_three_days_approve_three_at_most(sportello_app) -> None:
    from sportello_hr.models import LeaveAllocation, LeaveRequest

    async with sportello_app(MODULES, live=True) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        boss = await hire(h, place, "Bruna Capo")
        clerk = await hire(h, place, "Carlo Corsa", manager=boss)
        await allocate(h, clerk, annual, 3)
        days = _weekdays(dt.date(2027, 3, 1), RACERS)  # no holiday in March 2027 in Rome

        def one(day: dt.date) -> dict:
            return {
                "i": {
                    "employeeId": clerk.id,
                    "leaveTypeId": annual,
                    "start": day.isoformat(),
                    "end": day.isoformat(),
                }
            }

        results = await asyncio.gather(
            *(h.gql(LEAVE_CREATE, one(day), token=clerk.token) for day in days)
        )
        payloads = [r["data"]["leaveRequestCreate"] for r in results]
        made = [p["leaveRequest"]["id"] for p in payloads if not p["errors"]]
        codes = {p["errors"][0]["code"] for p in payloads if p["errors"]}
        assert len(made) == 3, payloads
        assert codes == {"INSUFFICIENT_BALANCE"}, payloads

        # The manager approves every one of them at once: still three days.
        decided = await asyncio.gather(
            *(h.gql(LEAVE_APPROVE, {"i": {"id": i}}, token=boss.token) for i in made)
        )
        assert all(d["data"]["leaveRequestApprove"]["errors"] == [] for d in decided), decided
        approved = await LeaveRequest.filter(employee_id=pk(clerk.id), status="approved")
        assert sum(r.days for r in approved) == 3
        row = await LeaveAllocation.get(employee_id=pk(clerk.id))
        assert (row.used, row.pending) == (3, 0)
        bal = (await h.ok(BALANCES, {"y": 2027}, token=clerk.token))["leaveBalances"]
        assert bal[0]["available"] == 0


async def test_racing_requests_for_the_same_days_hold_them_once(sportello_app) -> None:
    from sportello_hr.models import LeaveRequest

    async with sportello_app(MODULES, live=True) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        clerk = await hire(h, place, "Carla Doppia")
        await allocate(h, clerk, annual, 30)
        ask = {
            "i": {
                "employeeId": clerk.id,
                "leaveTypeId": annual,
                "start": "2027-03-01",
                "end": "2027-03-03",
            }
        }
        results = await asyncio.gather(
            *(h.gql(LEAVE_CREATE, ask, token=clerk.token) for _ in range(10))
        )
        payloads = [r["data"]["leaveRequestCreate"] for r in results]
        assert sum(1 for p in payloads if not p["errors"]) == 1, payloads
        assert {p["errors"][0]["code"] for p in payloads if p["errors"]} == {"OVERLAPPING_LEAVE"}
        assert await LeaveRequest.filter(employee_id=pk(clerk.id)).count() == 1
