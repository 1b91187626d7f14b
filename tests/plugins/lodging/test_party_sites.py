"""Guests are known at the hotels they stay at: a hotel-bound desk finds its own guests and no
other hotel's, and cannot book, and so reveal, another hotel's guest by ID."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lodging_helpers import CREATE, MODULES, TODAY, book, day, hotel, old_reservation
from strawberry import relay

PARTIES = "{ parties(first: 50) { edges { node { id displayName email } } } }"
GUEST = """query($id: ID!) { node(id: $id) { ... on Reservation { guest { id } } } }"""


def _pk(global_id: str) -> int:
    return int(relay.GlobalID.from_id(global_id).node_id)


async def _guest(h: Any, reservation: str) -> str:
    data = await h.ok(GUEST, {"id": reservation})
    gid: str = data["node"]["guest"]["id"]
    return gid


async def _parties(h: Any, token: str) -> dict[str, str]:
    data = await h.ok(PARTIES, token=token)
    return {e["node"]["id"]: e["node"]["displayName"] for e in data["parties"]["edges"]}


async def test_a_hotel_desk_sees_its_guests_and_cannot_book_another_hotels(sportello_app) -> None:
    from sportello_lodging import models as m

    async with sportello_app(MODULES) as h:
        rome = await hotel(h, rooms=2, code="ROM")
        athens = await hotel(h, rooms=1, code="ATH", timezone="Europe/Athens")
        giulia_res = await book(h, rome["rooms"][0]["id"], 0, 2)
        nikos_res = (
            await h.ok(
                CREATE,
                {
                    "i": {
                        "roomId": athens["rooms"][0]["id"],
                        "guest": {"fullName": "Nikos Pappas", "email": "nikos@guest.example"},
                        "arrival": day(0),
                        "departure": day(2),
                    }
                },
                as_="front_desk",
            )
        )["reservationCreate"]
        giulia = await _guest(h, giulia_res["reservation"]["id"])
        nikos = await _guest(h, nikos_res["reservation"]["id"])
        desk_rome = await h.token(roles=["front_desk"], sites=[_pk(rome["site"]["id"])])
        desk_athens = await h.token(roles=["front_desk"], sites=[_pk(athens["site"]["id"])])

        assert await _parties(h, desk_rome) == {giulia: "Giulia Rossi"}
        assert await _parties(h, desk_athens) == {nikos: "Nikos Pappas"}

        # Booking Athens' guest by ID at Rome: NOT_FOUND, nothing written.
        before = await m.Reservation.all().count()
        refused = await h.ok(
            CREATE,
            {
                "i": {
                    "roomId": rome["rooms"][1]["id"],
                    "guestId": nikos,
                    "arrival": day(0),
                    "departure": day(2),
                }
            },
            token=desk_rome,
        )
        errors = refused["reservationCreate"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [("guestId", "NOT_FOUND")]
        assert await m.Reservation.all().count() == before
        assert nikos not in await _parties(h, desk_rome)

        # Knowing the email is not enough either: Rome registers a guest of its own.
        own = (
            await h.ok(
                CREATE,
                {
                    "i": {
                        "roomId": rome["rooms"][1]["id"],
                        "guest": {"fullName": "Nikos Pappas", "email": "nikos@guest.example"},
                        "arrival": day(0),
                        "departure": day(2),
                    }
                },
                token=desk_rome,
            )
        )["reservationCreate"]
        assert own["errors"] == []
        twin = await _guest(h, own["reservation"]["id"])
        assert twin != nikos
        assert await _parties(h, desk_rome) == {giulia: "Giulia Rossi", twin: "Nikos Pappas"}
        assert await _parties(h, desk_athens) == {nikos: "Nikos Pappas"}

        # A guest booked at Rome by a chain-wide desk becomes Rome's guest as well.
        again = await h.ok(
            CREATE,
            {
                "i": {
                    "roomId": rome["rooms"][0]["id"],
                    "guestId": nikos,
                    "arrival": day(5),
                    "departure": day(7),
                }
            },
            as_="front_desk",
        )
        assert again["reservationCreate"]["errors"] == []
        assert nikos in await _parties(h, desk_rome)


async def test_0005_links_existing_guests_to_their_hotels(backend: str, tmp_path: Path) -> None:
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello.db import close_orm, init_orm, migrate
    from sportello.parties.models import Party, PartySite, Site
    from sportello.runtime import Runtime
    from sportello.settings import Settings
    from sportello.testing import drop_database, prepare_database
    from sportello_lodging import models as m

    url = await prepare_database(backend, MODULES, (), tmp_path)
    try:
        config = Runtime(Settings(database_url=url, modules={n: {} for n in MODULES})).db_config
        # Back to the schema before parties knew their sites, with stays made then.
        await tortoise_migrate(
            config=config, app_labels=list(config["apps"]), target="lodging.0004_list_order_indexes"
        )
        await close_orm()
        await init_orm(config)
        sites = [await Site.create(code=c, name=f"Hotel {c}") for c in ("OLD", "NEW")]
        guests = [await Party.create(display_name=n) for n in ("Giulia", "Marco", "Nobody")]
        for site, guest, companion in (
            (sites[0], guests[0], guests[1]),
            (sites[1], guests[0], None),
        ):
            rt = await m.RoomType.create(site=site, code="DBL", name="Double", capacity=2)
            room = await m.Room.create(site=site, room_type=rt, number="101")
            res = await old_reservation(
                site,
                room,
                rt,
                guest,
                TODAY - dt.timedelta(days=3),
                TODAY - dt.timedelta(days=1),
                "checked_out",
            )
            if companion is not None:
                # By hand, with the columns of that schema: the model knows later ones.
                postgres = m.GuestRegistration._meta.db.capabilities.dialect == "postgres"
                marks = ", ".join(f"${i}" if postgres else "?" for i in range(1, 9))
                await m.GuestRegistration._meta.db.execute_insert(
                    "INSERT INTO lodging_guest_registration (reservation_id, party_id, "
                    "full_name, document_type, document_number, issuing_country, nationality, "
                    f"birth_date, created_at) VALUES ({marks}, CURRENT_TIMESTAMP)",
                    [
                        res.id,
                        companion.id,
                        "Marco",
                        "passport",
                        "X1",
                        "IT",
                        "IT",
                        dt.date(1980, 1, 1),
                    ],
                )
        await close_orm()

        await migrate(config)
        await init_orm(config)
        links = (
            await PartySite.all().order_by("party_id", "site_id").values_list("party_id", "site_id")
        )
        assert [tuple(r) for r in links] == [
            (guests[0].id, sites[0].id),
            (guests[0].id, sites[1].id),
            (guests[1].id, sites[0].id),
        ]
        await close_orm()
    finally:
        await close_orm()
        await drop_database(url)


async def test_concurrent_bookings_of_one_guest_link_it_once(sportello_app) -> None:
    """Desks booking one guest into several rooms at once: every booking succeeds (the link is
    an insert that ignores an existing one, not a check-then-insert) and the guest is linked
    to the hotel once."""
    import asyncio

    from sportello.parties.models import PartySite

    async with sportello_app(MODULES, live=True) as h:
        rome = await hotel(h, rooms=6, code="ROM")
        made = await h.ok(
            "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }",
            {"i": {"displayName": "Nikos Pappas"}},
        )
        nikos = made["partyCreate"]["party"]["id"]
        token = await h.token(roles=["front_desk"])
        for round_ in range(3):
            results = await asyncio.gather(
                *(
                    h.gql(
                        CREATE,
                        {
                            "i": {
                                "roomId": room["id"],
                                "guestId": nikos,
                                "arrival": day(3 * round_),
                                "departure": day(3 * round_ + 2),
                            }
                        },
                        token=token,
                    )
                    for room in rome["rooms"]
                )
            )
            for result in results:
                assert result["data"]["reservationCreate"]["errors"] == [], result
        links = await PartySite.filter(party_id=_pk(nikos)).values_list("site_id", flat=True)
        assert links == [_pk(rome["site"]["id"])]
