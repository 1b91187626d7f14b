"""Prorated allocations through the API: a mid-year start or end, a part-time week, and a
change of contract within the year, rounded to the nearest half day (docs/hr.md)."""

from __future__ import annotations

from fractions import Fraction

from hr_helpers import ALLOCATION_SET, CONTRACT_CREATE, MODULES, annual_leave, hire, town_hall

END = """
mutation($i: EmployeeEndInput!) { employeeEnd(input: $i) { employee { id } errors { code } } }
"""


def half_days(value: Fraction) -> float:
    return int(value * 2 + Fraction(1, 2)) / 2


async def prorated(h, person, type_id: str, days: float, year: int = 2027) -> dict:
    data = await h.ok(
        ALLOCATION_SET,
        {
            "i": {
                "employeeId": person.id,
                "leaveTypeId": type_id,
                "year": year,
                "days": days,
                "prorate": True,
            }
        },
    )
    assert data["leaveAllocationSet"]["errors"] == [], data
    balance: dict = data["leaveAllocationSet"]["balance"]
    return balance


async def contract(h, person, start: str, end: str | None, days: list[str] | None) -> None:
    data = await h.ok(
        CONTRACT_CREATE,
        {
            "i": {
                "employeeId": person.id,
                "kind": "PERMANENT" if end is None else "FIXED_TERM",
                "start": start,
                "end": end,
                **({"workDays": days, "hoursPerWeek": "24"} if days else {}),
            }
        },
    )
    assert data["contractCreate"]["errors"] == [], data


async def test_allocations_are_prorated_to_the_employment_and_the_week(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        annual = await annual_leave(h)

        # A full year full time: all 26 days.
        whole = await hire(h, place, "Anna Intera", start="2020-01-01")
        assert (await prorated(h, whole, annual, 26))["days"] == 26

        # Starting on 1 July 2027: 184 of 365 days, 13.1 days: 13.
        july = await hire(h, place, "Bruno Luglio", start="2027-07-01")
        got = await prorated(h, july, annual, 26)
        assert got["days"] == half_days(Fraction(184, 365) * 26) == 13

        # Leaving on 31 March 2027: 90 of 365 days, 6.41: 6.5.
        march = await hire(h, place, "Carla Marzo", start="2020-01-01")
        ended = await h.ok(END, {"i": {"id": march.id, "endDate": "2027-03-31"}})
        assert ended["employeeEnd"]["errors"] == [], ended
        assert (await prorated(h, march, annual, 26))["days"] == 6.5

        # Part time on Monday, Wednesday and Friday all year: 3/5 of 26, 15.6: 15.5.
        part = await hire(h, place, "Dora Parziale", start="2020-01-01")
        await contract(h, part, "2020-01-01", None, ["MONDAY", "WEDNESDAY", "FRIDAY"])
        assert (await prorated(h, part, annual, 26))["days"] == 15.5

        # Full time until 30 June, then three days a week: 181 days at 1, 184 at 3/5.
        mixed = await hire(h, place, "Elio Misto", start="2020-01-01")
        await contract(h, mixed, "2020-01-01", "2027-06-30", None)
        await contract(h, mixed, "2027-07-01", None, ["MONDAY", "TUESDAY", "THURSDAY"])
        expected = half_days((Fraction(181) + Fraction(184) * Fraction(3, 5)) / 365 * 26)
        got = await prorated(h, mixed, annual, 26)
        assert got["days"] == expected == 21

        # Not employed at all that year: nothing; without prorate the days are as given.
        later = await hire(h, place, "Fabio Futuro", start="2028-02-01")
        assert (await prorated(h, later, annual, 26))["days"] == 0
        plain = await h.ok(
            ALLOCATION_SET,
            {"i": {"employeeId": july.id, "leaveTypeId": annual, "year": 2027, "days": 26}},
        )
        assert plain["leaveAllocationSet"]["balance"]["days"] == 26
