from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from lodging_helpers import MODULES, TODAY, book, hotel

ARRIVALS = """
query($d: Date!, $n: Int!) {
  lodgingArrivals(day: $d, first: $n) {
    edges { node {
      id status guestName arrival departure
      guest { id displayName }
      room { id number status roomType { id name } }
      roomType { name }
      folio { balance }
      arrivalKind partyName expectedAt arrivalStatus registryComplete
    } }
  }
}
"""
ROOMS = """
query($n: Int!) {
  rooms(first: $n) {
    edges { node { id number floor status occupancy cleanliness roomType { id name } } }
    pageInfo { hasNextPage }
  }
}
"""


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.queries: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if msg.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
            self.queries.append(msg)


def _own(queries: list[str]) -> list[str]:
    """Not the event dispatcher's periodic poll, which may land in any request's window."""
    return [q for q in queries if "events_" not in q]


@contextlib.contextmanager
def count_queries() -> Iterator[_Counter]:
    logger = logging.getLogger("tortoise.db_client")
    handler = _Counter()
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


async def _bulk_hotel(n: int) -> int:
    from sportello.parties.models import Party, Site
    from sportello_lodging import models as m

    site = await Site.create(code="BIG", name="Grand Hotel", timezone="Europe/Athens")
    rt = await m.RoomType.create(site=site, code="STD", name="Standard", capacity=2, base_rate=90)
    await m.Room.bulk_create(
        [m.Room(site=site, room_type=rt, number=f"{i:04d}", floor=i // 50) for i in range(n)]
    )
    rooms = await m.Room.filter(site=site).order_by("id")
    await Party.bulk_create([Party(display_name=f"Ospite {i:03d}") for i in range(n)])
    guests = await Party.filter(display_name__startswith="Ospite ").order_by("id")
    await m.Reservation.bulk_create(
        [
            m.Reservation(
                site=site,
                room=room,
                room_type=rt,
                guest=guest,
                arrival=TODAY,
                departure=TODAY + dt.timedelta(days=2),
                rate=90,
            )
            for room, guest in zip(rooms, guests, strict=True)
        ]
    )
    await m.RoomClosure.create(
        room=rooms[0], start=TODAY + dt.timedelta(days=5), end=TODAY + dt.timedelta(days=6)
    )
    return site.id


async def test_arrivals_query_count_does_not_depend_on_page_size(sportello_app) -> None:
    async with sportello_app(MODULES, graphql={"max_page_size": 500}) as h:
        await _bulk_hotel(200)
        token = await h.token(roles=["front_desk"])
        variables = {"d": TODAY.isoformat()}
        await h.ok(ARRIVALS, {**variables, "n": 1}, token=token)  # warm up (auth caches)
        counts = {}
        for n in (1, 200):
            with count_queries() as counter:
                data = await h.ok(ARRIVALS, {**variables, "n": n}, token=token)
            assert len(data["lodgingArrivals"]["edges"]) == n
            counts[n] = len(_own(counter.queries))
        assert 0 < counts[1] == counts[200], counts
        node = data["lodgingArrivals"]["edges"][0]["node"]
        assert node["arrivalKind"] == "reservation"
        assert node["partyName"] == node["guest"]["displayName"] == node["guestName"]
        # The check-in hour (14 by default) is local to the site: Athens, not UTC.
        athens = dt.datetime.combine(TODAY, dt.time(14), ZoneInfo("Europe/Athens"))
        assert dt.datetime.fromisoformat(node["expectedAt"]) == athens
        assert node["registryComplete"] is False
        assert node["room"]["status"] == "VACANT_CLEAN"


async def test_rooms_query_count_does_not_depend_on_page_size(sportello_app) -> None:
    async with sportello_app(MODULES, graphql={"max_page_size": 500}) as h:
        await _bulk_hotel(200)
        token = await h.token(roles=["back_office"])
        await h.ok(ROOMS, {"n": 1}, token=token)
        counts = {}
        for n in (1, 200):
            with count_queries() as counter:
                data = await h.ok(ROOMS, {"n": n}, token=token)
            assert len(data["rooms"]["edges"]) == n
            counts[n] = len(_own(counter.queries))
        assert 0 < counts[1] == counts[200], counts
        first = data["rooms"]["edges"][0]["node"]
        assert first["status"] == "VACANT_CLEAN"
        assert first["occupancy"] == "VACANT" and first["cleanliness"] == "CLEAN"
        assert first["roomType"]["name"] == "Standard"


async def test_reception_arrivals_and_present_now_include_reservations(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        await book(h, setup["rooms"][0]["id"], 0, 2, name="Sofia Bianchi")
        await book(h, setup["rooms"][1]["id"], 1, 2, name="Javier López")
        query = """
        query($d: Date!) {
          arrivals(day: $d) {
            arrivalKind partyName arrivalStatus expectedAt
            ... on Reservation { id room { number } }
          }
        }
        """
        data = await h.ok(query, {"d": TODAY.isoformat()}, as_="front_desk")
        assert [
            (a["arrivalKind"], a["partyName"], a["arrivalStatus"]) for a in data["arrivals"]
        ] == [("reservation", "Sofia Bianchi", "expected")]
        assert data["arrivals"][0]["room"]["number"] == "100"
        present = await h.ok("{ presentNow { partyName } }", as_="front_desk")
        assert present["presentNow"] == []


async def test_expected_at_uses_the_check_in_hour_and_the_site_time_zone(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        from sportello_lodging.services import config
        from sportello_lodging.settings import LodgingSettings

        monkeypatch.setattr(config, "_settings", LodgingSettings(check_in_hour=16))
        lisbon = await hotel(h, rooms=1, timezone="Europe/Lisbon", code="LIS")
        athens = await hotel(h, rooms=1, timezone="Europe/Athens", code="ATH")
        await book(h, lisbon["rooms"][0]["id"], 0, 1, name="Sofia Bianchi")
        await book(h, athens["rooms"][0]["id"], 0, 1, name="Eleni Georgiou")
        data = await h.ok(
            "query($d: Date!) { arrivals(day: $d) { partyName expectedAt }"
            " lodgingArrivals(day: $d, first: 5) { edges { node { partyName expectedAt } } } }",
            {"d": TODAY.isoformat()},
            as_="front_desk",
        )

        def local(zone: str) -> dt.datetime:
            return dt.datetime.combine(TODAY, dt.time(16), ZoneInfo(zone))

        # 16:00 in Athens comes before 16:00 in Lisbon: the shared list sorts by it.
        assert [
            (a["partyName"], dt.datetime.fromisoformat(a["expectedAt"])) for a in data["arrivals"]
        ] == [("Eleni Georgiou", local("Europe/Athens")), ("Sofia Bianchi", local("Europe/Lisbon"))]
        listed = {
            e["node"]["partyName"]: dt.datetime.fromisoformat(e["node"]["expectedAt"])
            for e in data["lodgingArrivals"]["edges"]
        }
        assert listed == {
            "Eleni Georgiou": local("Europe/Athens"),
            "Sofia Bianchi": local("Europe/Lisbon"),
        }


RACK = """
query($s: ID!, $f: Date!, $n: Int!) {
  roomRack(siteId: $s, from: $f, days: 7, first: $n) {
    totalCount
    edges { node {
      room { number status roomType { name } }
      cells { date closed reservation { id guestName guest { displayName } room { number } } }
      spans { start nights closed reservation { id guestName } }
    } }
  }
}
"""


async def test_rack_query_count_does_not_depend_on_the_rooms_on_the_page(sportello_app) -> None:
    from sportello.graphql.ids import encode_id
    from sportello_lodging import models as m

    async with sportello_app(MODULES, graphql={"max_page_size": 500, "max_cost": 10**6}) as h:
        site_id = await _bulk_hotel(120)
        await m.RoomStay.bulk_create(
            [
                m.RoomStay(reservation_id=r.id, room_id=r.room_id, start=r.arrival, end=r.departure)  # type: ignore[attr-defined]
                for r in await m.Reservation.filter(site_id=site_id)
            ]
        )
        token = await h.token(roles=["front_desk"])
        variables = {"s": encode_id("Site", site_id), "f": TODAY.isoformat()}
        await h.ok(RACK, {**variables, "n": 1}, token=token)
        counts = {}
        for n in (1, 120):
            with count_queries() as counter:
                data = await h.ok(RACK, {**variables, "n": n}, token=token)
            assert len(data["roomRack"]["edges"]) == n
            counts[n] = len(_own(counter.queries))
        assert 0 < counts[1] == counts[120], counts
        assert data["roomRack"]["totalCount"] == 120
        row = data["roomRack"]["edges"][0]["node"]
        stay = [c["reservation"] for c in row["cells"]]
        assert stay[0] is not None and stay[0] == stay[1] and stay[2] is None
        assert stay[0]["guestName"] == stay[0]["guest"]["displayName"]
        assert stay[0]["room"]["number"] == row["room"]["number"]
        closed = next(
            e["node"] for e in data["roomRack"]["edges"] if e["node"]["room"]["number"] == "0000"
        )
        assert closed["room"]["status"] == "VACANT_CLEAN"  # the closure starts in 5 days
        # The spans are the cells as runs: in order, without gaps, each night as its cell.
        for edge in data["roomRack"]["edges"]:
            node = edge["node"]
            nights = []
            for span in node["spans"]:
                first = dt.date.fromisoformat(span["start"])
                assert span["nights"] > 0
                held = span["reservation"]["id"] if span["reservation"] else None
                nights += [
                    ((first + dt.timedelta(days=i)).isoformat(), held, span["closed"])
                    for i in range(span["nights"])
                ]
            cells = [
                (c["date"], c["reservation"]["id"] if c["reservation"] else None, c["closed"])
                for c in node["cells"]
            ]
            assert nights == cells
            runs = [((s["reservation"] or {}).get("id"), s["closed"]) for s in node["spans"]]
            assert all(a != b for a, b in zip(runs, runs[1:], strict=False)), runs
        assert row["spans"][0]["nights"] == 2  # the stay from today, two nights
        assert row["spans"][0]["reservation"]["guestName"] == stay[0]["guestName"]


async def test_a_payload_reads_what_no_page_loaded(sportello_app) -> None:
    """A mutation's reservation is a model fresh from the service: its computed fields (the
    Arrival ones, the registry, the room's status) load what they read themselves."""
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1, timezone="Europe/Athens")
        query = """
        mutation($i: ReservationCreateInput!) { reservationCreate(input: $i) {
          reservation {
            guestName partyName arrivalKind arrivalStatus expectedAt arrivedAt nights
            registryComplete registrations { fullName }
            folio { total lines(first: 10) { edges { node { kind } } } }
            room { status }
          }
          errors { code }
        } }
        """
        variables = {
            "i": {
                "roomId": setup["rooms"][0]["id"],
                "guest": {"fullName": "Eleni Georgiou"},
                "arrival": TODAY.isoformat(),
                "departure": (TODAY + dt.timedelta(days=2)).isoformat(),
            }
        }
        data = await h.ok(query, variables, as_="front_desk")
        res = data["reservationCreate"]["reservation"]
        athens = dt.datetime.combine(TODAY, dt.time(14), ZoneInfo("Europe/Athens"))
        assert dt.datetime.fromisoformat(res.pop("expectedAt")) == athens
        assert res == {
            "guestName": "Eleni Georgiou",
            "partyName": "Eleni Georgiou",
            "arrivalKind": "reservation",
            "arrivalStatus": "expected",
            "arrivedAt": None,
            "nights": 2,
            "registryComplete": False,
            "registrations": [],
            "folio": {"total": "0.00", "lines": {"edges": []}},
            "room": {"status": "VACANT_CLEAN"},
        }
