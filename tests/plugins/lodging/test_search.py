"""reservationSearch: by the guest's name (partial, accents and case ignored), the booking
reference and the channel's booking id; scoped to the caller's sites; constant SQL per page."""

from __future__ import annotations

import datetime as dt

from lodging_helpers import MODULES, TODAY, book, hotel
from strawberry import relay

SEARCH = """
query($t: String!, $n: Int, $s: ID) {
  reservationSearch(text: $t, first: $n, siteId: $s) {
    edges { node { id guestName channel channelBookingId arrival room { number } } }
    pageInfo { hasNextPage }
  }
}
"""


def _pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def _found(h, text: str, **kw) -> list[str]:
    data = await h.ok(SEARCH, {"t": text, "n": kw.pop("n", 50), **kw}, as_="front_desk")
    return [e["node"]["guestName"] for e in data["reservationSearch"]["edges"]]


async def test_search_by_name_reference_and_channel_booking_id(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rooms = (await hotel(h, rooms=3))["rooms"]
        await book(h, rooms[0]["id"], 0, 2, name="Laura Bianchi")
        jose = await book(
            h,
            rooms[1]["id"],
            1,
            3,
            name="José Núñez Ortega",
            channel="booking.com",
            channelBookingId=" BDC-4471-XZ ",
        )
        assert jose["errors"] == []
        await book(h, rooms[2]["id"], 2, 4, name="Marco Bianchini")

        assert await _found(h, "nunez") == ["José Núñez Ortega"]
        assert await _found(h, "JOSÉ ortega") == ["José Núñez Ortega"]
        assert await _found(h, "ÑÚÑ") == ["José Núñez Ortega"]
        # Every word must match, in any order; the latest arrival first.
        assert await _found(h, "bianchi laura") == ["Laura Bianchi"]
        assert await _found(h, "bianchi") == ["Marco Bianchini", "Laura Bianchi"]
        assert await _found(h, "bdc-4471") == ["José Núñez Ortega"]
        # The reference the confirmation gave the guest, with or without its zeros.
        ref = f"R-{_pk(jose['reservation']['id']):06d}"
        assert await _found(h, ref) == ["José Núñez Ortega"]
        assert await _found(h, ref.lower().replace("-", " ")) == ["José Núñez Ortega"]
        # LIKE's wildcards are plain characters here; nothing and blanks find nothing.
        assert await _found(h, "%") == []
        assert await _found(h, "_") == []
        assert await _found(h, "   ") == []
        assert await _found(h, "Rossi") == []

        data = await h.ok(SEARCH, {"t": "nunez"}, as_="front_desk")
        node = data["reservationSearch"]["edges"][0]["node"]
        assert node["channel"] == "booking.com" and node["channelBookingId"] == "BDC-4471-XZ"


async def test_search_keeps_to_the_callers_sites_and_the_site_argument(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        rome = await hotel(h, rooms=1, code="ROM")
        athens = await hotel(h, rooms=1, code="ATH", timezone="Europe/Athens")
        await book(h, rome["rooms"][0]["id"], 0, 2, name="Anna Rossi")
        await book(h, athens["rooms"][0]["id"], 0, 2, name="Anna Papadopoulou")
        assert sorted(await _found(h, "anna")) == ["Anna Papadopoulou", "Anna Rossi"]
        assert await _found(h, "anna", s=athens["site"]["id"]) == ["Anna Papadopoulou"]
        token = await h.token(roles=["front_desk"], sites=[_pk(rome["site"]["id"])])
        data = await h.ok(SEARCH, {"t": "anna", "n": 10}, token=token)
        assert [e["node"]["guestName"] for e in data["reservationSearch"]["edges"]] == [
            "Anna Rossi"
        ]
        # A desk user with no lodging.view finds nothing to read.
        result = await h.gql(SEARCH, {"t": "anna"}, as_="housekeeping")
        assert result.get("errors")


async def test_an_overlong_channel_booking_id_is_a_typed_error(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        out = await book(h, room, 0, 1, channelBookingId="X" * 65)
        assert out["reservation"] is None
        assert [(e["field"], e["code"]) for e in out["errors"]] == [
            ("channelBookingId", "TOO_LONG")
        ]
        from sportello_lodging import models as m

        assert await m.Reservation.all().count() == 0


async def test_an_erased_guest_is_no_longer_found_by_name(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.privacy import erase_party
        from sportello.services import SYSTEM

        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        out = await book(h, room, 0, 1, name="Giulia Verdi", channelBookingId="EXP-991")
        guest = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Reservation { guest { id } } } }",
            {"id": out["reservation"]["id"]},
        )
        reports = await erase_party(h.runtime, SYSTEM, _pk(guest["node"]["guest"]["id"]))
        report = next(r for r in reports if r.plugin == "lodging")
        assert "lodging_reservation.search_key" in report.erased
        assert await _found(h, "verdi") == []
        # The channel's booking id is the hotel's record, not the guest's data: still found.
        assert len(await _found(h, "exp-991")) == 1


async def test_search_sql_does_not_grow_with_the_page(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES, graphql={"max_page_size": 200}) as h:
        from sportello.parties.models import Party, Site
        from sportello_lodging import models as m
        from sportello_lodging.services.search import search_key

        site = await Site.create(code="BIG", name="Grand Hotel")
        rt = await m.RoomType.create(site=site, code="STD", name="Standard", base_rate=90)
        await m.Room.bulk_create(
            [m.Room(site=site, room_type=rt, number=f"{i:03d}") for i in range(120)]
        )
        rooms = await m.Room.filter(site=site).order_by("id")
        await Party.bulk_create([Party(display_name=f"Ospite Çelik {i:03d}") for i in range(120)])
        guests = await Party.filter(display_name__startswith="Ospite").order_by("id")
        await m.Reservation.bulk_create(
            [
                m.Reservation(
                    site=site,
                    room=room,
                    room_type=rt,
                    guest=guest,
                    arrival=TODAY,
                    departure=TODAY + dt.timedelta(days=1),
                    search_key=search_key(guest.display_name, None),
                )
                for room, guest in zip(rooms, guests, strict=True)
            ]
        )
        token = await h.token(roles=["front_desk"])
        await h.ok(SEARCH, {"t": "celik", "n": 1}, token=token)  # warm up (auth caches)
        counts = {}
        for n in (1, 120):
            with count_queries() as statements:
                data = await h.ok(SEARCH, {"t": "ospite celik", "n": n}, token=token)
            assert len(data["reservationSearch"]["edges"]) == n
            # The list's own statements (the bearer token's lookup comes back when its cache
            # expires, and background workers share the process).
            counts[n] = sum("lodging_" in s for s in statements)
        assert 0 < counts[1] == counts[120], counts
