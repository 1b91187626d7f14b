"""``police_registry = "alloggiati"``: an Italian hotel cannot register or check in a guest
without what the Alloggiati Web file needs (sex, birth data, the issuing comune, countries
the Polizia di Stato has a code for); without the setting those fields stay optional."""

from __future__ import annotations

from typing import Any

from lodging_helpers import CHECK_IN, MODULES, REGISTER, book, hotel
from test_police_registry import CHILD, HEAD, SPOUSE, TRAVELLER

from sportello_lodging.services import config
from sportello_lodging.settings import LodgingSettings

NODE = """
query($id: ID!) { node(id: $id) { ... on Reservation { status registrations { fullName } } } }
"""


def errors(data: dict[str, Any], name: str) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in data[name]["errors"]]


async def test_check_in_needs_the_police_data_when_the_hotel_sends_alloggiati(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        rooms = (await hotel(h, rooms=2, capacity=3))["rooms"]
        family = (await book(h, rooms[0]["id"], 0, 2, adults=2, children=1))["reservation"]["id"]
        single = (await book(h, rooms[1]["id"], 0, 2, adults=1))["reservation"]["id"]
        bare = {k: v for k, v in TRAVELLER.items() if k not in ("sex", "birthCountry")}

        # Off (the default): the same entries are accepted; the export lists the gaps.
        loose = (await book(h, rooms[1]["id"], 3, 5, adults=1))["reservation"]["id"]
        ok = await h.ok(REGISTER, {"i": {"id": loose, "guests": [bare]}}, as_="front_desk")
        assert errors(ok, "reservationGuestsRegister") == []

        monkeypatch.setattr(config, "_settings", LodgingSettings(police_registry="alloggiati"))
        child = {**CHILD, "birthPlace": "", "birthProvince": ""}
        head = {**HEAD, "issuingPlace": ""}
        refused = await h.ok(
            CHECK_IN, {"i": {"id": family, "guests": [head, child, SPOUSE]}}, as_="front_desk"
        )
        assert refused["reservationCheckIn"]["reservation"] is None
        assert errors(refused, "reservationCheckIn") == [
            ("guests.0.issuingPlace", "REQUIRED"),
            ("guests.1.birthPlace", "REQUIRED"),
        ]
        italian = await h.gql(
            CHECK_IN,
            {"i": {"id": single, "guests": [bare]}},
            as_="front_desk",
            headers={"accept-language": "it"},
        )
        found = italian["data"]["reservationCheckIn"]["errors"]
        assert [(e["field"], e["code"], e["message"]) for e in found] == [
            ("guests.0.sex", "REQUIRED", "Sesso mancante."),
            ("guests.0.birthCountry", "REQUIRED", "Stato di nascita mancante."),
        ]
        # A country without a Polizia code is refused, not sent with a guessed one.
        aruban = {**TRAVELLER, "nationality": "AW", "issuingCountry": "AW", "birthCountry": "AW"}
        unknown = await h.ok(REGISTER, {"i": {"id": single, "guests": [aruban]}}, as_="front_desk")
        assert errors(unknown, "reservationGuestsRegister") == [
            ("guests.0.birthCountry", "INVALID"),
            ("guests.0.nationality", "INVALID"),
            ("guests.0.issuingCountry", "INVALID"),
        ]
        # Nothing was written by the refusals.
        for rid in (family, single):
            node = (await h.ok(NODE, {"id": rid}, as_="front_desk"))["node"]
            assert node["status"] == "CONFIRMED" and node["registrations"] == []

        done = await h.ok(
            CHECK_IN, {"i": {"id": family, "guests": [HEAD, CHILD, SPOUSE]}}, as_="front_desk"
        )
        assert errors(done, "reservationCheckIn") == []
        assert done["reservationCheckIn"]["reservation"]["status"] == "CHECKED_IN"


async def test_an_entry_recorded_before_the_setting_blocks_check_in_until_completed(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1, capacity=1))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2, adults=1))["reservation"]["id"]
        bare = {k: v for k, v in TRAVELLER.items() if k != "sex"}
        ok = await h.ok(REGISTER, {"i": {"id": rid, "guests": [bare]}}, as_="front_desk")
        assert errors(ok, "reservationGuestsRegister") == []

        monkeypatch.setattr(config, "_settings", LodgingSettings(police_registry="alloggiati"))
        refused = await h.ok(CHECK_IN, {"i": {"id": rid}}, as_="front_desk")
        assert errors(refused, "reservationCheckIn") == [("guests", "POLICE_DATA_MISSING")]
        assert "John Smith" in refused["reservationCheckIn"]["errors"][0]["message"]

        fixed = await h.ok(REGISTER, {"i": {"id": rid, "guests": [TRAVELLER]}}, as_="front_desk")
        assert errors(fixed, "reservationGuestsRegister") == []
        done = await h.ok(CHECK_IN, {"i": {"id": rid}}, as_="front_desk")
        assert errors(done, "reservationCheckIn") == []
