"""The payroll CSV of a month, and the reminder before a training expires."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hr_helpers import (
    CONTRACT_CREATE,
    LEAVE_APPROVE,
    MODULES,
    allocate,
    annual_leave,
    ask,
    hire,
    pk,
    town_hall,
)
from test_hr_roster import ASSIGN, SKILL, at, desk

PAYROLL = "query($y: Int!, $m: Int!, $s: ID) { payrollCsv(year: $y, month: $m, siteId: $s) }"


async def test_payroll_csv_counts_hours_and_leave_within_the_month(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        front = await desk(h, place)
        annual = await annual_leave(h)
        anna = await hire(h, place, "Anna Paga")
        await h.ok(
            CONTRACT_CREATE,
            {
                "i": {
                    "employeeId": anna.id,
                    "kind": "PERMANENT",
                    "start": "2025-01-01",
                    "hoursPerWeek": "30",
                }
            },
        )
        await allocate(h, anna, annual, 20)
        for day in ("2027-01-11", "2027-01-12"):
            got = await h.ok(
                ASSIGN,
                {
                    "i": {
                        "employeeId": anna.id,
                        "stationId": front,
                        "start": at(day, 7),
                        "end": at(day, 15),
                    }
                },
            )
            assert got["shiftAssign"]["errors"] == []
        # Thu 28 Jan - Tue 2 Feb 2027: 2 working days in January (Thu, Fri), 2 in February.
        leave = await ask(h, anna, annual, "2027-01-28", "2027-02-02", halfDayEnd=True)
        await h.ok(LEAVE_APPROVE, {"i": {"id": leave["leaveRequest"]["id"]}})

        text = (await h.ok(PAYROLL, {"y": 2027, "m": 1, "s": place["site"]}))["payrollCsv"]
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows == [
            {
                "employee_id": str(pk(anna.id)),
                "name": "anna.paga@town.example",
                "department_id": str(pk(place["department"])),
                "job_title": "Clerk",
                "contract": "permanent",
                "hours_per_week": "30.00",
                "shifts": "2",
                "rostered_hours": "16.00",
                "leave_annual": "2",
            }
        ]
        february = (await h.ok(PAYROLL, {"y": 2027, "m": 2}))["payrollCsv"]
        assert list(csv.DictReader(io.StringIO(february)))[0]["leave_annual"] == "1.5"
        bad = await h.gql(PAYROLL, {"y": 2027, "m": 13})
        assert bad["errors"][0]["extensions"]["code"] == "INVALID"
        clerk = await h.gql(PAYROLL, {"y": 2027, "m": 1}, token=anna.token)
        assert clerk["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_a_training_reminder_is_queued_before_it_expires(sportello_app) -> None:
    from sportello.notify.models import Delivery

    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        anna = await hire(h, place, "Anna Corso")
        await h.ok(
            SKILL, {"i": {"employeeId": anna.id, "code": "FIRST_AID", "validUntil": "2027-06-30"}}
        )
        queued = await Delivery.filter(kind="hr.training_expiring", channel="email")
        assert [d.status for d in queued] == ["queued"]
        assert queued[0].next_attempt_at == dt.datetime(2027, 5, 31, 8, tzinfo=dt.UTC)
        # Renewed: the old reminder is withdrawn, a new one queued.
        await h.ok(
            SKILL, {"i": {"employeeId": anna.id, "code": "FIRST_AID", "validUntil": "2029-06-30"}}
        )
        rows = await Delivery.filter(kind="hr.training_expiring", channel="email").order_by("id")
        assert [d.status for d in rows] == ["cancelled", "queued"]
        assert rows[1].next_attempt_at == dt.datetime(2029, 5, 31, 8, tzinfo=dt.UTC)
