"""A hotel's day is the day at its site: late-night arrivals check in on their own date."""

from __future__ import annotations

import datetime as dt

import pytest
from lodging_helpers import CHECK_IN, CREATE, MODULES, REAL_TODAY, hotel, registry

from sportello_lodging import services
from sportello_lodging.services import clock

#: 23:30 in Lisbon (UTC), 00:30 of the next day in Rome, 01:30 in Athens.
NOW = dt.datetime(2031, 3, 10, 23, 30, tzinfo=dt.UTC)
UTC_DAY, NEXT_DAY = dt.date(2031, 3, 10), dt.date(2031, 3, 11)


@pytest.fixture(autouse=True)
def real_days(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", REAL_TODAY)
    monkeypatch.setattr(clock, "now", lambda: NOW)


def test_today_follows_the_site_time_zone() -> None:
    assert clock.today() == UTC_DAY
    assert clock.today("Europe/Lisbon") == UTC_DAY
    assert clock.today("Europe/Athens") == NEXT_DAY


def test_services_today_is_the_clock_every_module_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Code outside the office patches ``services.today``: that patches the one clock."""
    monkeypatch.setattr(services, "today", lambda timezone=None: NEXT_DAY)
    assert services.today is clock.today and clock.today("Europe/Lisbon") == NEXT_DAY


async def booking(h, room_id: str, arrival: dt.date, name: str) -> dict:
    variables = {
        "i": {
            "roomId": room_id,
            "guest": {"fullName": name},
            "arrival": arrival.isoformat(),
            "departure": (arrival + dt.timedelta(days=2)).isoformat(),
        }
    }
    return (await h.ok(CREATE, variables, as_="front_desk"))["reservationCreate"]


async def test_arrivals_past_and_check_in_follow_the_site_day(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        athens = (await hotel(h, rooms=2, timezone="Europe/Athens", code="ATH"))["rooms"]
        lisbon = (await hotel(h, rooms=2, timezone="Europe/Lisbon", code="LIS"))["rooms"]

        # In Athens it is already the 11th: the 10th is past there, though not in UTC.
        past = await booking(h, athens[0]["id"], UTC_DAY, "Eleni Georgiou")
        assert [(e["field"], e["code"]) for e in past["errors"]] == [("arrival", "INVALID_DATES")]
        # In Lisbon the 10th is still today.
        assert (await booking(h, lisbon[0]["id"], UTC_DAY, "Sofia Bianchi"))["errors"] == []

        # A guest arriving on the 11th at 01:30 in Athens checks in: not too early.
        res = (await booking(h, athens[1]["id"], NEXT_DAY, "Nikos Papadopoulos"))["reservation"]
        checked = await h.ok(
            CHECK_IN, {"i": {"id": res["id"], "guests": registry(1)}}, as_="front_desk"
        )
        payload = checked["reservationCheckIn"]
        assert payload["errors"] == [] and payload["reservation"]["status"] == "CHECKED_IN"
        # The same arrival in Lisbon waits for the 11th.
        early = (await booking(h, lisbon[1]["id"], NEXT_DAY, "Ana Silva"))["reservation"]
        refused = await h.ok(
            CHECK_IN, {"i": {"id": early["id"], "guests": registry(1)}}, as_="front_desk"
        )
        assert refused["reservationCheckIn"]["errors"][0]["code"] == "TOO_EARLY"
