"""Leave through the API: working days over holidays and part time, half days, balances,
approval by the manager (notified), rejection, cancellation, overlaps."""

from __future__ import annotations

from hr_helpers import (
    BALANCES,
    CONTRACT_CREATE,
    LEAVE_APPROVE,
    LEAVE_CANCEL,
    LEAVE_CREATE,
    LEAVE_REJECT,
    LEAVE_TYPE_CREATE,
    MODULES,
    allocate,
    annual_leave,
    ask,
    hire,
    pk,
    town_hall,
)

NOTIFICATIONS = "{ notifications(first: 10) { edges { node { kind title body } } } }"


async def _part_time(h, place, person, *, calendar: bool = True) -> None:
    """24 hours a week on Monday, Tuesday and Thursday."""
    data = await h.ok(
        CONTRACT_CREATE,
        {
            "i": {
                "employeeId": person.id,
                "kind": "PERMANENT",
                "start": "2025-01-01",
                "hoursPerWeek": "24",
                "workDays": ["MONDAY", "TUESDAY", "THURSDAY"],
                **({"calendarId": place["calendar"]} if calendar else {}),
            }
        },
    )
    assert data["contractCreate"]["errors"] == [], data


async def test_thursday_to_tuesday_over_a_holiday_counts_working_days(sportello_app) -> None:
    """Thu 28 Oct - Tue 2 Nov 2027: All Saints (Mon 1 Nov) is a public holiday in Italy."""
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        full = await hire(h, place, "Anna Full")
        part = await hire(h, place, "Paolo Part")
        await _part_time(h, place, part)
        for person in (full, part):
            await allocate(h, person, annual, 20)

        # Full time on the site's calendar: Thu, Fri, Tue (weekend and holiday skipped).
        got = await ask(h, full, annual, "2027-10-28", "2027-11-02")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 3, got
        # Part time (Mon, Tue, Thu) on the contract's calendar: Thu and Tue.
        got = await ask(h, part, annual, "2027-10-28", "2027-11-02")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 2, got
        assert got["leaveRequest"]["status"] == "PENDING"

        # Half days count 0.5: Thursday afternoon and Tuesday morning of the next week.
        got = await ask(
            h, part, annual, "2027-11-04", "2027-11-09", halfDayStart=True, halfDayEnd=True
        )
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 2, got  # .5+1+.5
        got = await ask(h, full, annual, "2027-11-10", "2027-11-10", halfDayEnd=True)
        assert got["leaveRequest"]["days"] == 0.5, got
        # The afternoon of the same day is free; the morning is not.
        got = await ask(h, full, annual, "2027-11-10", "2027-11-10", halfDayStart=True)
        assert got["leaveRequest"]["days"] == 0.5, got
        got = await ask(h, full, annual, "2027-11-10", "2027-11-10")
        assert got["errors"][0]["code"] == "OVERLAPPING_LEAVE", got

        # Only non-working days: refused with its own code.
        got = await ask(h, part, annual, "2027-11-05", "2027-11-07")  # Fri-Sun
        assert got["errors"] == [
            {"field": "start", "code": "NO_WORKING_DAYS", "message": got["errors"][0]["message"]}
        ]
        # Held on the balance while pending.
        bal = (await h.ok(BALANCES, {"e": part.id, "y": 2027}))["leaveBalances"]
        assert [(b["pending"], b["used"], b["available"]) for b in bal] == [(4, 0, 16)]


async def test_approval_by_the_manager_notifies_both_and_moves_the_balance(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        boss = await hire(h, place, "Bruna Capo", roles=("back_office",), jobTitle="Head")
        clerk = await hire(h, place, "Carlo Impiegato", manager=boss)
        other = await hire(h, place, "Olga Altra")
        await allocate(h, clerk, annual, 10)

        asked = await ask(h, clerk, annual, "2027-03-01", "2027-03-05")
        leave = asked["leaveRequest"]
        assert asked["errors"] == [] and leave["days"] == 5
        await h.settle()
        inbox = (await h.ok(NOTIFICATIONS, token=boss.token))["notifications"]["edges"]
        assert [n["node"]["kind"] for n in inbox] == ["hr.leave_requested"]
        assert "carlo.impiegato" in inbox[0]["node"]["title"]

        # Not the manager: refused; the employee cannot approve their own request.
        for token in (other.token, clerk.token):
            got = await h.ok(LEAVE_APPROVE, {"i": {"id": leave["id"]}}, token=token)
            assert got["leaveRequestApprove"]["errors"][0]["code"] == "FORBIDDEN", got
        got = await h.ok(LEAVE_APPROVE, {"i": {"id": leave["id"]}}, token=boss.token)
        assert got["leaveRequestApprove"]["errors"] == []
        assert got["leaveRequestApprove"]["leaveRequest"]["status"] == "APPROVED"
        again = await h.ok(LEAVE_APPROVE, {"i": {"id": leave["id"]}}, token=boss.token)
        assert again["leaveRequestApprove"]["errors"][0]["code"] == "INVALID_TRANSITION"

        bal = (await h.ok(BALANCES, {"y": 2027}, token=clerk.token))["leaveBalances"]
        assert [(b["used"], b["pending"], b["available"]) for b in bal] == [(5, 0, 5)]
        await h.settle()
        inbox = (await h.ok(NOTIFICATIONS, token=clerk.token))["notifications"]["edges"]
        assert [n["node"]["kind"] for n in inbox] == ["hr.leave_approved"]
        assert "is approved" in inbox[0]["node"]["body"]

        # An event for the other offices.
        from sportello.events.models import OutboxEvent

        names = await OutboxEvent.filter(name__startswith="hr.leave").values_list("name", flat=True)
        assert sorted(names) == ["hr.leave.approved", "hr.leave.requested"]

        # Cancelling approved leave gives the days back.
        got = await h.ok(LEAVE_CANCEL, {"i": {"id": leave["id"]}}, token=clerk.token)
        assert got["leaveRequestCancel"]["leaveRequest"]["status"] == "CANCELLED", got
        bal = (await h.ok(BALANCES, {"y": 2027}, token=clerk.token))["leaveBalances"]
        assert [(b["used"], b["pending"], b["available"]) for b in bal] == [(0, 0, 10)]


async def test_rejection_cancellation_and_the_balance_rules(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        clerk = await hire(h, place, "Carla Conti")
        other = await hire(h, place, "Olga Altra")
        await allocate(h, clerk, annual, 3)

        # More than the balance: refused, nothing held.
        got = await ask(h, clerk, annual, "2027-03-01", "2027-03-05")
        assert got["errors"][0]["code"] == "INSUFFICIENT_BALANCE", got
        assert "3 available" in got["errors"][0]["message"]
        first = await ask(h, clerk, annual, "2027-03-01", "2027-03-02")
        assert first["errors"] == []
        # Someone else's leave: employees ask only for themselves.
        got = await ask(h, clerk, annual, "2027-04-01", "2027-04-01", token=other.token)
        assert got["errors"][0]["code"] == "FORBIDDEN"
        # No allocation of that type this year.
        got = await ask(h, clerk, annual, "2028-03-01", "2028-03-01")
        assert got["errors"][0]["code"] == "NO_ALLOCATION"
        # Across New Year without a 2028 allocation: refused, nothing held in 2027 either.
        got = await ask(h, clerk, annual, "2027-12-31", "2028-01-03")
        assert got["errors"][0]["code"] == "NO_ALLOCATION"
        got = await ask(h, clerk, annual, "2027-03-05", "2027-03-04")
        assert got["errors"][0]["code"] == "END_BEFORE_START"

        # HR (the admin) rejects: the days go back.
        rejected = await h.ok(LEAVE_REJECT, {"i": {"id": first["leaveRequest"]["id"]}})
        assert rejected["leaveRequestReject"]["leaveRequest"]["status"] == "REJECTED"
        bal = (await h.ok(BALANCES, {"y": 2027}, token=clerk.token))["leaveBalances"]
        assert bal[0]["available"] == 3
        again = await h.ok(
            LEAVE_CANCEL, {"i": {"id": first["leaveRequest"]["id"]}}, token=clerk.token
        )
        assert again["leaveRequestCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"

        # A type that allows a negative balance, and one without allocations (sick leave).
        advance = await h.ok(
            LEAVE_TYPE_CREATE,
            {"i": {"code": "advance", "name": "Advance leave", "allowNegative": True}},
        )
        advance_id = advance["leaveTypeCreate"]["leaveType"]["id"]
        assert advance["leaveTypeCreate"]["leaveType"]["code"] == "ADVANCE"
        await allocate(h, clerk, advance_id, 1)
        got = await ask(h, clerk, advance_id, "2027-05-03", "2027-05-07")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 5
        sick = await h.ok(
            LEAVE_TYPE_CREATE, {"i": {"code": "SICK", "name": "Sick", "usesAllocation": False}}
        )
        sick_id = sick["leaveTypeCreate"]["leaveType"]["id"]
        got = await ask(h, clerk, sick_id, "2027-06-07", "2027-06-18")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 10
        bal = (await h.ok(BALANCES, {"y": 2027}, token=clerk.token))["leaveBalances"]
        assert {b["leaveType"]["code"]: b["available"] for b in bal} == {
            "ANNUAL": 3,
            "ADVANCE": -4,
        }


async def test_monthly_accrual_limits_what_can_be_asked_early(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        clerk = await hire(h, place, "Mario Mese")
        await allocate(h, clerk, annual, 24, accrual="MONTHLY")
        # By February 2 days a month have accrued: 4.
        got = await ask(h, clerk, annual, "2027-02-01", "2027-02-05")
        assert got["errors"][0]["code"] == "INSUFFICIENT_BALANCE", got
        got = await ask(h, clerk, annual, "2027-02-01", "2027-02-04")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 4
        # In June 12 have: 8 more.
        got = await ask(h, clerk, annual, "2027-06-07", "2027-06-17")
        assert got["errors"][0]["code"] == "INSUFFICIENT_BALANCE", got
        got = await ask(h, clerk, annual, "2027-06-07", "2027-06-16")
        assert got["errors"] == [] and got["leaveRequest"]["days"] == 8, got


async def test_desk_users_without_hr_see_no_leave_list(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        clerk = await hire(h, place, "Carla Conti")
        result = await h.gql(
            "{ leaveRequests(first: 5) { edges { node { id } } } }", token=clerk.token
        )
        assert result["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        assert pk(clerk.id) > 0
        assert LEAVE_CREATE


async def test_leave_and_contract_lists_cost_the_same_at_page_sizes_1_and_50(sportello_app) -> None:
    from sportello.testing import count_queries

    lists = """
    query($n: Int) {
      leaveRequests(first: $n) {
        edges { node { id days status leaveType { code } employee { displayName sites { id } } } }
      }
      contracts(first: $n) { edges { node { id kind workDays employee { displayName } } } }
    }
    """
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)
        for n in range(4):
            person = await hire(h, place, f"Person {n}")
            await _part_time(h, place, person)
            await allocate(h, person, annual, 10)
            await ask(h, person, annual, "2027-03-01", "2027-03-02")
        await h.settle()
        await h.ok(lists, {"n": 1})
        counts = []
        for size in (1, 50):
            with count_queries() as queries:
                data = await h.ok(lists, {"n": size})
            counts.append(len(queries))
        assert len(data["leaveRequests"]["edges"]) == 4 and len(data["contracts"]["edges"]) == 4
        assert counts[0] == counts[1], counts
