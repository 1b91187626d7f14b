"""A night of a business day the audit closed is corrected by reversal on the current business
day, never rewritten or deleted: the closed day's report stays what it was."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from lodging_helpers import AUDIT, CHECK_IN, MODULES, REGISTER, TODAY, book, day, hotel, registry
from test_night_audit import report, revenue

ROME = ZoneInfo("Europe/Rome")
FOLIO = """
query($id: ID!) { node(id: $id) { ... on Reservation { folio { total
  lines(first: 100) { edges { node { kind night quantity amount voided } } }
} } } }
"""


async def read_folio(h: Any, rid: str) -> dict[str, Any]:
    folio: dict[str, Any] = (await h.ok(FOLIO, {"id": rid}, as_="front_desk"))["node"]["folio"]
    return folio


def city_tax_lines(folio: dict[str, Any]) -> list[tuple[str, int, str, bool]]:
    return [
        (n["night"], n["quantity"], n["amount"], n["voided"])
        for n in (e["node"] for e in folio["lines"]["edges"])
        if n["kind"] == "CITY_TAX"
    ]


async def test_a_city_tax_change_on_a_closed_night_is_reversed_not_rewritten(
    sportello_app, monkeypatch
) -> None:
    from sportello_lodging.services import clock, config
    from sportello_lodging.settings import LodgingSettings

    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(TODAY, dt.time(23), ROME))
    async with sportello_app(MODULES) as h:
        monkeypatch.setattr(config, "_settings", LodgingSettings(city_tax_exempt_under_age=14))
        setup = await hotel(h, rooms=1)
        site = setup["site"]["id"]
        stay = (await book(h, setup["rooms"][0]["id"], 0, 2, adults=2))["reservation"]["id"]
        guests = registry(2)
        checked = await h.ok(CHECK_IN, {"i": {"id": stay, "guests": guests}}, as_="front_desk")
        assert checked["reservationCheckIn"]["errors"] == []
        closed = await h.ok(AUDIT, {"i": {"siteId": site, "day": day(0)}}, as_="manager")
        assert closed["nightAuditRun"]["errors"] == []
        assert revenue(await report(h, site, 0)) == [("CITY_TAX", "4.00"), ("ROOM_NIGHT", "100.00")]

        # The second guest's date of birth was mistyped: a child of 8, exempt from the city tax.
        child = {**guests[1], "birthDate": (TODAY - dt.timedelta(days=8 * 366)).isoformat()}
        fixed = await h.ok(REGISTER, {"i": {"id": stay, "guests": [child]}}, as_="front_desk")
        assert fixed["reservationGuestsRegister"]["errors"] == []

        folio = await read_folio(h, stay)
        assert folio["total"] == "102.00"
        assert city_tax_lines(folio) == [
            (day(0), 2, "4.00", True),
            (day(0), -2, "-4.00", False),
            (day(0), 1, "2.00", False),
        ]
        # The closed day reports what it reported; the correction is the next day's.
        assert revenue(await report(h, site, 0)) == [("CITY_TAX", "4.00"), ("ROOM_NIGHT", "100.00")]
        assert revenue(await report(h, site, 1)) == [("CITY_TAX", "-2.00")]

        # Correcting it back restates the corrected line too, and the folio agrees again.
        back = await h.ok(REGISTER, {"i": {"id": stay, "guests": [guests[1]]}}, as_="front_desk")
        assert back["reservationGuestsRegister"]["errors"] == []
        folio = await read_folio(h, stay)
        assert folio["total"] == "104.00"
        assert revenue(await report(h, site, 1)) == [("CITY_TAX", "0.00")]
