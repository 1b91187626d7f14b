"""Shared GraphQL operations and a small hotel for the lodging tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello_lodging.services import clock

MODULES = ["reception", "lodging"]
# The cost rule counts the rack's rows (rooms) as a full page: queries of the rack need room.
BOUNDED_LISTS = {"max_cost": 1_000_000}

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
ROOM_TYPE = """
mutation($i: RoomTypeCreateInput!) {
  roomTypeCreate(input: $i) { roomType { id name } errors { field code message } }
}
"""
ROOM = """
mutation($i: RoomCreateInput!) {
  roomCreate(input: $i) { room { id number status } errors { field code message } }
}
"""
CREATE = """
mutation($i: ReservationCreateInput!) {
  reservationCreate(input: $i) {
    reservation { id status }
    errors { field code message }
  }
}
"""
RES_FIELDS = """
  reservation {
    id status arrival departure registryComplete
    room { id number status occupancy cleanliness }
    folio {
      total paid balance currency
      lines(first: 100) { totalCount edges { node { kind amount night } } }
    }
  }
  errors { field code message }
"""


def lines(folio: dict[str, Any]) -> list[dict[str, Any]]:
    """The lines of a folio as ``RES_FIELDS`` selects them (the first page, all of them)."""
    page = folio["lines"]
    assert page["totalCount"] == len(page["edges"]), "more lines than one page"
    return [edge["node"] for edge in page["edges"]]


def mutation(name: str, input_type: str) -> str:
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ {RES_FIELDS} }} }}"


CHECK_IN = mutation("reservationCheckIn", "ReservationCheckInInput")
CHECK_OUT = mutation("reservationCheckOut", "ReservationCheckOutInput")
REGISTER = mutation("reservationGuestsRegister", "ReservationGuestsRegisterInput")
CANCEL = mutation("reservationCancel", "ReservationCancelInput")
CONFIRM = mutation("reservationConfirm", "ReservationConfirmInput")
NO_SHOW = mutation("reservationNoShow", "ReservationNoShowInput")
MOVE = mutation("reservationMove", "ReservationMoveInput")
DATES = mutation("reservationDatesChange", "ReservationDatesChangeInput")
CHARGE = """
mutation($i: FolioChargeAddInput!) {
  folioChargeAdd(input: $i) {
    line { kind amount } reservation { folio { total paid balance } } errors { code field }
  }
}
"""
PAY = """
mutation($i: FolioPaymentAddInput!) {
  folioPaymentAdd(input: $i) {
    line { kind amount } reservation { folio { total paid balance } } errors { code field }
  }
}
"""
CLEAN = """
mutation($i: RoomCleanlinessSetInput!) {
  roomCleanlinessSet(input: $i) { room { id status cleanliness } errors { code } }
}
"""

GUESTS = [
    {
        "fullName": "Giulia Rossi",
        "documentType": "id_card",
        "documentNumber": "ca1234567",
        "issuingCountry": "it",
        "nationality": "IT",
        "birthDate": "1985-04-12",
    },
    {
        "fullName": "Marco Rossi",
        "documentType": "passport",
        "documentNumber": "YA7654321",
        "issuingCountry": "IT",
        "nationality": "IT",
        "birthDate": "1983-09-30",
    },
]


#: The hotel day of the tests: the services see it at every site (see conftest.py), whatever
#: the hour in UTC or at the sites' time zones.
TODAY = clock.today("Europe/Rome")
REAL_TODAY = clock.today


def date(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def day(offset: int) -> str:
    return date(offset).isoformat()


def travel(monkeypatch: Any, offset: int) -> None:
    """The services (in process) believe today is ``TODAY + offset``."""
    monkeypatch.setattr(clock, "today", lambda timezone=None: date(offset))


def registry(count: int, family: str = "Rossi") -> list[dict[str, Any]]:
    """``count`` valid guest registry entries (the first two are GUESTS)."""
    out = [dict(g) for g in GUESTS[:count]]
    for i in range(len(out), count):
        out.append(
            {
                "fullName": f"Ospite{i} {family}",
                "documentType": "passport",
                "documentNumber": f"P{i:07d}",
                "issuingCountry": "IT",
                "nationality": "IT",
                "birthDate": f"{1970 + i}-01-15",
            }
        )
    return out


async def hotel(
    h: Any,
    rooms: int = 2,
    capacity: int = 2,
    rate: str = "100.00",
    timezone: str = "Europe/Rome",
    code: str = "HOTEL",
) -> dict[str, Any]:
    """A site with one room type and ``rooms`` rooms, all through the API."""
    site = (await h.ok(SITE, {"i": {"code": code, "name": f"Hotel {code}", "timezone": timezone}}))[
        "siteCreate"
    ]["site"]
    rt = (
        await h.ok(
            ROOM_TYPE,
            {
                "i": {
                    "siteId": site["id"],
                    "code": "DBL",
                    "name": "Double",
                    "capacity": capacity,
                    "baseRate": rate,
                    "amenities": ["wifi"],
                }
            },
        )
    )["roomTypeCreate"]["roomType"]
    made = []
    for n in range(rooms):
        room = await h.ok(ROOM, {"i": {"roomTypeId": rt["id"], "number": f"1{n:02d}", "floor": 1}})
        made.append(room["roomCreate"]["room"])
    return {"site": site, "room_type": rt, "rooms": made}


async def book(
    h: Any,
    room_id: str,
    arrival: int = 0,
    departure: int = 2,
    name: str = "Giulia Rossi",
    as_: str = "front_desk",
    **kw: Any,
) -> dict[str, Any]:
    data = await h.ok(
        CREATE,
        {
            "i": {
                "roomId": room_id,
                "guest": {"fullName": name},
                "arrival": day(arrival),
                "departure": day(departure),
                **kw,
            }
        },
        as_=as_,
    )
    return data["reservationCreate"]


RACK = """
query($s: ID!, $f: Date!, $n: Int!) {
  roomRack(siteId: $s, from: $f, days: $n, first: 100) {
    edges { node {
      room { id number status }
      cells { date reservation { id guestName status } }
    } }
  }
}
"""


async def rack(h: Any, site_id: str, start: int, days: int) -> dict[str, list[str | None]]:
    """Room number -> the guest name holding each night from ``day(start)`` (None: free)."""
    data = await h.ok(RACK, {"s": site_id, "f": day(start), "n": days}, as_="front_desk")
    return {
        row["room"]["number"]: [
            cell["reservation"] and cell["reservation"]["guestName"] for cell in row["cells"]
        ]
        for row in (edge["node"] for edge in data["roomRack"]["edges"])
    }


async def segments(reservation_gid: str) -> list[tuple[str, int, int, bool]]:
    """The stay segments of a reservation: (room number, start offset, end offset, holding)."""
    from strawberry import relay

    from sportello_lodging import models as m

    pk = int(relay.GlobalID.from_id(reservation_gid).node_id)
    rows = await m.RoomStay.filter(reservation_id=pk).order_by("start").prefetch_related("room")
    return [
        (s.room.number, (s.start - TODAY).days, (s.end - TODAY).days, s.holding)  # type: ignore[attr-defined]
        for s in rows
    ]


async def old_reservation(
    site: Any,
    room: Any,
    room_type: Any,
    guest: Any,
    arrival: dt.date,
    departure: dt.date,
    status: str,
) -> Any:
    """A reservation written into an older schema (a migration test): only the columns every
    schema since 0001 has, by hand, since the model knows columns added later."""
    from types import SimpleNamespace

    from sportello_lodging import models as m

    client = m.Reservation._meta.db
    postgres = client.capabilities.dialect == "postgres"
    values = [
        site.id,
        room.id,
        room_type.id,
        guest.id,
        arrival,
        departure,
        1,
        0,
        "0",
        "direct",
        "",
        status,
        "EUR",
    ]
    columns = (
        "site_id, room_id, room_type_id, guest_id, arrival, departure, adults, children, rate, "
        "channel, notes, status, currency, created_at, updated_at"
    )
    marks = [f"${i + 1}" if postgres else "?" for i in range(len(values))]
    now = "CURRENT_TIMESTAMP"
    from tortoise.transactions import in_transaction

    async with in_transaction(m.Reservation._meta.default_connection) as conn:
        await conn.execute_insert(
            f"INSERT INTO lodging_reservation ({columns}) "
            f"VALUES ({', '.join(marks)}, {now}, {now})",
            values,
        )
        _, rows = await conn.execute_query("SELECT max(id) AS id FROM lodging_reservation")
    return SimpleNamespace(
        id=rows[0]["id"], arrival=arrival, departure=departure, status=status, pk=rows[0]["id"]
    )


AUDIT = """
mutation($i: NightAuditRunInput!) {
  nightAuditRun(input: $i) {
    report { day closed roomsSold noShows revenue { chargeCode amount lines } }
    errors { field code message }
  }
}
"""


async def audit(h: Any, site_id: str, *offsets: int) -> list[dict[str, Any]]:
    """The night audit of each business day (offsets from TODAY, in order), as a manager:
    it posts the room nights of the stays in house, as the desk expects them on the folio."""
    reports = []
    for offset in offsets:
        data = await h.ok(AUDIT, {"i": {"siteId": site_id, "day": day(offset)}}, as_="manager")
        assert data["nightAuditRun"]["errors"] == [], data
        reports.append(data["nightAuditRun"]["report"])
    return reports


RESERVATION = """
query($id: ID!) { node(id: $id) { ... on Reservation {
  id status
  folio { total paid balance currency
    lines(first: 100) { totalCount edges { node { kind amount night } } } }
} } }
"""


async def reservation(h: Any, rid: str) -> dict[str, Any]:
    """A reservation with its folio as ``RES_FIELDS`` selects it (read by the front desk)."""
    return (await h.ok(RESERVATION, {"id": rid}, as_="front_desk"))["node"]
