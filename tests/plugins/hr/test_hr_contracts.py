"""Contracts through the API: kinds, part time, the working calendar, no two at once, and
the contracts ending within N days."""

from __future__ import annotations

import datetime as dt

from hr_helpers import CONTRACT_CREATE, MODULES, hire, town_hall

ENDING = """
query($days: Int, $s: ID) {
  contractsEnding(first: 20, days: $days, siteId: $s) {
    edges { node { id end kind employee { displayName } } }
  }
}
"""


def _in(days: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


async def test_contracts_and_their_rules(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        clerk = await hire(h, place, "Carla Conti")

        async def make(**fields: object) -> dict:
            data = await h.ok(CONTRACT_CREATE, {"i": {"employeeId": clerk.id, **fields}})
            payload: dict = data["contractCreate"]
            return payload

        got = await make(kind="FIXED_TERM", start="2025-01-01")
        assert got["errors"][0] == {
            "field": "end",
            "code": "REQUIRED",
            "message": "A fixed-term contract needs an end date.",
        }
        got = await make(kind="FIXED_TERM", start="2025-01-01", end="2024-12-31")
        assert got["errors"][0]["code"] == "END_BEFORE_START"
        got = await make(kind="PERMANENT", start="2025-01-01", hoursPerWeek="0")
        assert got["errors"][0]["field"] == "hoursPerWeek"
        got = await make(kind="PERMANENT", start="2025-01-01", workDays=[])
        assert got["errors"][0]["field"] == "workDays"

        first = await make(
            kind="FIXED_TERM",
            start="2025-01-01",
            end="2025-12-31",
            hoursPerWeek="20",
            workDays=["MONDAY", "WEDNESDAY", "FRIDAY"],
            calendarId=place["calendar"],
        )
        contract = first["contract"]
        assert first["errors"] == [] and contract["hoursPerWeek"] == "20.00"
        assert contract["workDays"] == ["MONDAY", "WEDNESDAY", "FRIDAY"]
        assert contract["calendar"]["id"] == place["calendar"]
        clash = await make(kind="PERMANENT", start="2025-06-01")
        assert clash["errors"][0]["code"] == "CONFLICT"
        later = await make(kind="PERMANENT", start="2026-01-01")
        assert later["errors"] == [] and later["contract"]["workDays"][-1] == "FRIDAY"


async def test_contracts_ending_within_n_days(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        place = await town_hall(h)
        other = await town_hall(h, "MI1")
        soon = await hire(h, place, "Sara Presto")
        later = await hire(h, place, "Luca Tardi")
        elsewhere = await hire(h, other, "Elsa Altrove")
        for person, end in ((soon, _in(10)), (later, _in(60)), (elsewhere, _in(5))):
            data = await h.ok(
                CONTRACT_CREATE,
                {
                    "i": {
                        "employeeId": person.id,
                        "kind": "FIXED_TERM",
                        "start": "2025-01-01",
                        "end": end,
                    }
                },
            )
            assert data["contractCreate"]["errors"] == []
        got = await h.ok(ENDING, {"days": 30})
        names = [e["node"]["employee"]["displayName"] for e in got["contractsEnding"]["edges"]]
        assert names == ["elsa.altrove@town.example", "sara.presto@town.example"]
        got = await h.ok(ENDING, {"days": 30, "s": place["site"]})
        assert len(got["contractsEnding"]["edges"]) == 1
        got = await h.ok(ENDING, {"days": 90})
        assert len(got["contractsEnding"]["edges"]) == 3
        got = await h.ok(ENDING, {})  # [modules.hr] contract_notice_days: 30
        assert len(got["contractsEnding"]["edges"]) == 2
        bad = await h.gql(ENDING, {"days": -1})
        assert bad["errors"][0]["extensions"]["code"] == "OUT_OF_RANGE"
