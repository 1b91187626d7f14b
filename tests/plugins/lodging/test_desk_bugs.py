"""Regressions from a day at the desk: drafts booked by room type, the guest of a booking, the
no-show hour, and lodging's words in the client's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lodging_helpers import (
    CHECK_IN,
    CONFIRM,
    CREATE,
    MODULES,
    NO_SHOW,
    TODAY,
    audit,
    book,
    day,
    hotel,
    registry,
)

TYPE_BOOK = """
mutation($i: ReservationCreateInput!) {
  reservationCreate(input: $i) {
    reservation { id status room { number } } errors { field code message }
  }
}
"""


async def by_type(h: Any, rt: str, name: str, status: str = "CONFIRMED") -> Any:
    i = {
        "roomTypeId": rt,
        "guest": {"fullName": name},
        "arrival": day(1),
        "departure": day(3),
        "status": status,
    }
    return (await h.ok(TYPE_BOOK, {"i": i}, as_="front_desk"))["reservationCreate"]


async def test_a_draft_by_room_type_avoids_held_rooms_and_moves_at_confirm(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        rt = setup["room_type"]["id"]
        held = await by_type(h, rt, "Giulia Rossi")
        assert held["reservation"]["room"]["number"] == "100"
        draft = await by_type(h, rt, "Marco Bianchi", "DRAFT")
        assert draft["reservation"]["room"]["number"] == "101"  # not the held 100
        # Someone books 101 itself meanwhile: the draft is confirmed in 102.
        await book(h, setup["rooms"][1]["id"], 1, 3, name="Ana Martín")
        confirmed = (
            await h.ok(CONFIRM, {"i": {"id": draft["reservation"]["id"]}}, as_="front_desk")
        )["reservationConfirm"]
        assert confirmed["errors"] == []
        assert confirmed["reservation"]["room"]["number"] == "102"
        assert confirmed["reservation"]["status"] == "CONFIRMED"
        # Every room of the type held: a draft by type finds none.
        full = await by_type(h, rt, "Luis Gómez", "DRAFT")
        assert [(e["field"], e["code"]) for e in full["errors"]] == [
            ("roomTypeId", "ROOM_UNAVAILABLE")
        ]


async def test_the_guest_of_a_booking_is_never_someone_else(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=2))["rooms"][0]["id"]
        marco = {"fullName": "Marco Bianchi", "email": "marco@guest.example"}
        stay = {"roomId": room, "arrival": day(1), "departure": day(2)}
        made = await h.ok(TYPE_BOOK, {"i": {**stay, "guest": marco}}, as_="front_desk")
        assert made["reservationCreate"]["errors"] == []
        laura = {"fullName": "Laura Bianchi", "email": "marco@guest.example"}
        later = {**stay, "arrival": day(3), "departure": day(4)}
        clash = await h.ok(TYPE_BOOK, {"i": {**later, "guest": laura}}, as_="front_desk")
        assert [(e["field"], e["code"]) for e in clash["reservationCreate"]["errors"]] == [
            ("guest.email", "GUEST_CONFLICT")
        ]
        # The same person written differently is the same guest.
        again = {"fullName": "  marco  BIANCHI ", "email": "marco@guest.example"}
        ok = await h.ok(TYPE_BOOK, {"i": {**later, "guest": again}}, as_="front_desk")
        assert ok["reservationCreate"]["errors"] == []
        both = {**later, "arrival": day(5), "departure": day(6), "guest": marco, "guestId": "x"}
        refused = await h.ok(CREATE, {"i": both}, as_="front_desk")
        codes = [(e["field"], e["code"]) for e in refused["reservationCreate"]["errors"]]
        assert ("guestId", "INVALID") in codes or ("guestId", "INVALID_ID") in codes
        from sportello.parties.models import Party
        from sportello_lodging import models as m

        assert await m.Reservation.all().count() == 2
        assert not await Party.filter(display_name="Laura Bianchi").exists()


async def test_guest_and_guest_id_together_are_refused(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        first = await book(h, room, 1, 2)
        from sportello_lodging import models as m

        guest_id = (await m.Reservation.all().first()).guest_id  # type: ignore[union-attr]
        from sportello import api

        both = {
            "roomId": room,
            "arrival": day(3),
            "departure": day(4),
            "guest": {"fullName": "Giulia Rossi"},
            "guestId": api.encode_id("Party", guest_id),
        }
        refused = await h.ok(CREATE, {"i": both}, as_="front_desk")
        assert [(e["field"], e["code"]) for e in refused["reservationCreate"]["errors"]] == [
            ("guestId", "INVALID")
        ]
        assert first["errors"] == []


async def test_no_show_waits_for_the_check_in_hour(sportello_app, monkeypatch) -> None:
    from sportello_lodging.services import clock

    rome = dt.timezone(dt.timedelta(hours=1))  # Rome in winter; the hour only needs to differ
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2))["reservation"]["id"]
        noon = dt.datetime.combine(TODAY, dt.time(11), rome)
        monkeypatch.setattr(clock, "now", lambda: noon)
        early = (await h.ok(NO_SHOW, {"i": {"id": rid}}, as_="front_desk"))["reservationNoShow"]
        assert [(e["field"], e["code"]) for e in early["errors"]] == [("id", "TOO_EARLY")]
        evening = dt.datetime.combine(TODAY, dt.time(19), rome)
        monkeypatch.setattr(clock, "now", lambda: evening)
        late = (await h.ok(NO_SHOW, {"i": {"id": rid}}, as_="front_desk"))["reservationNoShow"]
        assert late["reservation"]["status"] == "NO_SHOW"


async def test_lodging_words_in_the_clients_language(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        room = setup["rooms"][0]["id"]
        rid = (await book(h, room, 0, 1))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        await audit(h, setup["site"]["id"], 0)
        token = await h.token(roles=["front_desk"])
        expected = {
            "it": ("Una prenotazione in corso non può diventare confermata.", "Pernottamento"),
            "es": ("Una reserva en curso no puede pasar a confirmada.", "Noche de habitación"),
            "el": ("Μια κράτηση σε εξέλιξη δεν μπορεί να γίνει επιβεβαιωμένη.", "Διανυκτέρευση"),
            "en": ("A reservation that is checked in cannot become confirmed.", "Room night"),
        }
        query = (
            "query($id: ID!) { node(id: $id) { ... on Reservation { folio {"
            " lines(first: 5) { edges { node { kind description } } } } } } }"
        )
        for language, (message, night) in expected.items():
            headers = {"accept-language": language}
            again = await h.gql(CONFIRM, {"i": {"id": rid}}, token=token, headers=headers)
            (error,) = again["data"]["reservationConfirm"]["errors"]
            assert error["message"] == message
            folio = await h.gql(query, {"id": rid}, token=token, headers=headers)
            edges = folio["data"]["node"]["folio"]["lines"]["edges"]
            room_line = next(e["node"] for e in edges if e["node"]["kind"] == "ROOM")
            assert room_line["description"] == f"{night} {TODAY.isoformat()}"
