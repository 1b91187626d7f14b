"""Leave across New Year: each year's working days are charged to that year's allocation,
atomically (a refusal in one year holds nothing in the other), and racing requests never
take a year's balance below zero."""

from __future__ import annotations

import asyncio

from hr_helpers import (
    BALANCES,
    LEAVE_APPROVE,
    LEAVE_CANCEL,
    LEAVE_CREATE,
    MODULES,
    allocate,
    annual_leave,
    ask,
    hire,
    town_hall,
)


async def balance(h, person, year: int) -> dict:
    rows = (await h.ok(BALANCES, {"y": year}, token=person.token))["leaveBalances"]
    return {k: rows[0][k] for k in ("days", "used", "pending", "available")}


async def test_a_request_across_new_year_charges_each_year(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        boss = await hire(h, place, "Bruno Capo")
        clerk = await hire(h, place, "Carla Capodanno", manager=boss)
        await allocate(h, clerk, annual, 3, year=2027)
        await allocate(h, clerk, annual, 1, year=2028)

        # Wed 29 Dec 2027 to Tue 4 Jan 2028: 3 days in 2027; in 2028 the 1st is a holiday
        # (and a Saturday), Monday 3 and Tuesday 4: 2 days, one more than 2028's balance.
        got = await ask(h, clerk, annual, "2027-12-29", "2028-01-04")
        assert got["errors"][0]["code"] == "INSUFFICIENT_BALANCE", got
        assert "1 available" in got["errors"][0]["message"]
        assert (await balance(h, clerk, 2027))["pending"] == 0  # nothing held in 2027 either

        await allocate(h, clerk, annual, 2, year=2028)
        got = await ask(h, clerk, annual, "2027-12-29", "2028-01-04", halfDayEnd=True)
        assert got["errors"] == [], got
        assert got["leaveRequest"]["days"] == 4.5
        assert await balance(h, clerk, 2027) == {"days": 3, "used": 0, "pending": 3, "available": 0}
        assert await balance(h, clerk, 2028) == {
            "days": 2,
            "used": 0,
            "pending": 1.5,
            "available": 0.5,
        }
        leave_id = got["leaveRequest"]["id"]
        approved = await h.ok(LEAVE_APPROVE, {"i": {"id": leave_id}}, token=boss.token)
        assert approved["leaveRequestApprove"]["errors"] == [], approved
        assert await balance(h, clerk, 2027) == {"days": 3, "used": 3, "pending": 0, "available": 0}
        assert (await balance(h, clerk, 2028))["used"] == 1.5
        # HR cancels it: both years get their days back.
        cancelled = await h.ok(LEAVE_CANCEL, {"i": {"id": leave_id}})
        assert cancelled["leaveRequestCancel"]["errors"] == [], cancelled
        assert (await balance(h, clerk, 2027))["available"] == 3
        assert (await balance(h, clerk, 2028))["available"] == 2

        # Only holidays and weekends in 2028 (Sat 1, Sun 2 Jan): 2027 alone is charged,
        # no 2028 allocation needed.
        got = await ask(h, clerk, annual, "2027-12-31", "2028-01-02")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 1, got
        assert (await balance(h, clerk, 2028))["pending"] == 0


async def test_racing_requests_never_overdraw_the_next_year(sportello_app) -> None:
    from sportello_hr.models import LeaveAllocation, LeaveRequest

    async with sportello_app(MODULES, live=True) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        clerk = await hire(h, place, "Carlo Corsa")
        await allocate(h, clerk, annual, 5, year=2027)
        await allocate(h, clerk, annual, 2, year=2028)

        def one(start: str, end: str) -> dict:
            return {
                "i": {"employeeId": clerk.id, "leaveTypeId": annual, "start": start, "end": end}
            }

        # The New Year request needs 2 days of 2028; six single days of February race it.
        racers = [one("2027-12-30", "2028-01-04")] + [
            one(f"2028-02-{d:02d}", f"2028-02-{d:02d}") for d in (1, 2, 3, 4, 7, 8)
        ]
        results = await asyncio.gather(*(h.gql(LEAVE_CREATE, v, token=clerk.token) for v in racers))
        payloads = [r["data"]["leaveRequestCreate"] for r in results]
        codes = {p["errors"][0]["code"] for p in payloads if p["errors"]}
        assert codes <= {"INSUFFICIENT_BALANCE"}, payloads
        rows = await LeaveAllocation.filter(year=2028)
        assert len(rows) == 1 and float(rows[0].pending) <= 2
        held = 0.0
        for request in await LeaveRequest.filter(status="pending"):
            if request.next_allocation_id == rows[0].id:
                held += float(request.next_days)
            elif request.allocation_id == rows[0].id:
                held += float(request.days)
        assert held == float(rows[0].pending) and held <= 2
