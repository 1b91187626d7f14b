"""The requests real screens send, per app.

A scenario is one GraphQL operation (the same document for Sportello and the references, when
the reference implements it) with variables built from the generated data. Mutations must
not repeat themselves: mutating scenarios get a list of bodies, and the load tool
sends them in turn.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from bench.reference.common import global_id

#: reservationCreate books nights from here on (far from the generated history)
CREATE_FROM = dt.date(2031, 1, 1)

ARRIVALS_FIELDS = """
      edges { node { id status arrival departure
        guest { displayName } room { number roomType { name } } } }
      pageInfo { hasNextPage endCursor }"""
ROOMS_FIELDS = """
      edges { node { id number floor status roomType { id name } } }
      pageInfo { hasNextPage endCursor }"""

INVOICES_FIELDS = """
      edges { node { id number status total taxTotal currency party { displayName }
        lines { description quantity net tax } } }
      pageInfo { hasNextPage endCursor }"""

#: Sportello operations (the lodging, counter and sales plugins' public API).
SPORTELLO = {
    "arrivals": "query Arrivals($day: Date!, $first: Int) {\n"
    f"  lodgingArrivals(day: $day, first: $first) {{{ARRIVALS_FIELDS}\n  }}\n}}",
    "rooms": f"query Rooms($first: Int) {{\n  rooms(first: $first) {{{ROOMS_FIELDS}\n  }}\n}}",
    "rack": """query RoomRack($siteId: ID!, $from: Date!) {
  roomRack(siteId: $siteId, from: $from, days: 14, first: 100) {
    edges { node {
      room { number roomType { name } }
      cells { date reservation { id guest { displayName } } }
    } }
  }
}""",
    # The same screen from the rack's runs: a few spans per room instead of a cell per day.
    "rack_spans": """query RoomRackSpans($siteId: ID!, $from: Date!) {
  roomRack(siteId: $siteId, from: $from, days: 14, first: 100) {
    edges { node {
      room { number roomType { name } }
      spans { start nights closed reservation { id guest { displayName } } }
    } }
  }
}""",
    # The same screen as a tape chart: the days, the rooms, one flat list of bars.
    "rack_chart": """query RoomRackChart($siteId: ID!, $from: Date!) {
  roomRackChart(siteId: $siteId, from: $from, days: 14, first: 100) {
    days
    rooms { id number roomTypeName }
    bars { room start nights kind reservationId status guestName }
  }
}""",
    "node": """query Node($id: ID!) {
  node(id: $id) { id ... on Reservation { status arrival departure guest { displayName }
    room { number } } }
}""",
    "reservation_create": """mutation Create($input: ReservationCreateInput!) {
  reservationCreate(input: $input) { reservation { id status } errors { field code message } }
}""",
    "queue_display": """query Queue($first: Int) {
  queueTickets(first: $first) { edges { node { id number status issuedAt
    estimatedWaitMinutes service { name } } } }
}""",
    "invoices": "query Invoices($first: Int) {\n"
    f"  invoices(first: $first) {{{INVOICES_FIELDS}\n  }}\n}}",
    "ticket_issue": """mutation Issue($input: QueueTicketIssueInput!) {
  queueTicketIssue(input: $input) { ticket { id } errors { field code message } }
}""",
}

#: The references implement the two list screens under the same operation shape.
REFERENCE = {
    "arrivals": "query Arrivals($day: Date!, $first: Int) {\n"
    f"  arrivals(day: $day, first: $first) {{{ARRIVALS_FIELDS}\n  }}\n}}",
    "rooms": SPORTELLO["rooms"],
    "invoices": SPORTELLO["invoices"],
    # fast.py only: the rack from three queries, and the statements written by hand
    # (bench/reference/ticket.py)
    "rack": SPORTELLO["rack"],
    "rack_spans": SPORTELLO["rack_spans"],
    "rack_chart": SPORTELLO["rack_chart"],
    "ticket_issue": SPORTELLO["ticket_issue"],
    # (b) only: the booking written by hand (bench/reference/booking.py), same shape.
    "reservation_create": SPORTELLO["reservation_create"],
}

#: The reference books its own nights, this many days after Sportello's (same database).
REFERENCE_NIGHTS_AFTER = 3650

REFERENCE_APPS = ("naive", "fast", "plain")


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    #: paged scenarios run at every page size; the others once
    paged: bool
    #: apps that implement it (sportello always)
    apps: tuple[str, ...] = ("sportello",)
    #: the nested list: the GraphQL-vs-plain-JSON target applies to it
    nested: bool = False
    mutation: bool = False
    notes: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def document(self, app: str) -> str:
        return SPORTELLO[self.name] if app == "sportello" else REFERENCE[self.name]

    def bodies(
        self, app: str, page_size: int | None, data: dict[str, Any], count: int = 1
    ) -> list[bytes]:
        """JSON request bodies; the load tool cycles through them (one unless mutating)."""
        doc = self.document(app)
        op = doc.split("(")[0].split()[1]
        n = count if self.mutation else 1
        return [
            json.dumps(
                {
                    "operationName": op,
                    "query": doc,
                    "variables": self.variables(page_size, data, i, app),
                }
            ).encode()
            for i in range(n)
        ]

    def variables(
        self, page_size: int | None, data: dict[str, Any], i: int = 0, app: str = "sportello"
    ) -> dict[str, Any]:
        day = data["bench_day"]
        if self.name == "arrivals":
            return {"day": day, "first": page_size}
        if self.name in ("rooms", "queue_display", "invoices"):
            return {"first": page_size}
        if self.name in ("rack", "rack_spans", "rack_chart"):
            return {"siteId": global_id("Site", data["site_id"]), "from": day}
        if self.name == "node":
            return {"id": global_id("Reservation", data["node_reservation_id"])}
        if self.name == "reservation_create":
            # A new one-night stay in the far future: rooms in turn, then the next night.
            rooms = data["rooms"]
            arrival = CREATE_FROM + dt.timedelta(days=i // rooms)
            if app != "sportello":
                arrival += dt.timedelta(days=REFERENCE_NIGHTS_AFTER)
            return {
                "input": {
                    "roomId": global_id("Room", i % rooms + 1),
                    "guest": {"fullName": f"Bench Guest {i}"},
                    "arrival": arrival.isoformat(),
                    "departure": (arrival + dt.timedelta(days=1)).isoformat(),
                }
            }
        if self.name == "ticket_issue":
            service = global_id("CounterService", data.get("service_id", 0))
            return {"input": {"serviceId": service, "priority": "NORMAL"}}
        raise KeyError(self.name)


SCENARIOS = [
    Scenario(
        "arrivals",
        "Front desk: today's arrivals with guest and room",
        paged=True,
        apps=("sportello", *REFERENCE_APPS),
        nested=True,
    ),
    Scenario(
        "rooms", "Rooms list with type and status", paged=True, apps=("sportello", *REFERENCE_APPS)
    ),
    Scenario("rack", "Room rack, two weeks, every room", paged=False, apps=("sportello", "fast")),
    Scenario(
        "rack_spans",
        "Room rack, two weeks, every room, as spans",
        paged=False,
        apps=("sportello", "fast"),
    ),
    Scenario(
        "rack_chart",
        "Room rack, two weeks, every room, as a chart of bars",
        paged=False,
        apps=("sportello", "fast"),
    ),
    Scenario("node", "node(id:) of a reservation", paged=False),
    Scenario(
        "reservation_create",
        "reservationCreate",
        paged=False,
        apps=("sportello", "fast"),
        mutation=True,
        notes="(b): the booking written by hand, bench/reference/booking.py",
    ),
    Scenario("queue_display", "Counter: hall queue display (today's tickets)", paged=True),
    Scenario(
        "ticket_issue",
        "Counter: queueTicketIssue",
        paged=False,
        apps=("sportello", "fast"),
        mutation=True,
    ),
    Scenario(
        "invoices",
        "Sales: invoices with party and lines",
        paged=True,
        apps=("sportello", *REFERENCE_APPS),
        nested=True,
    ),
]

BY_NAME = {s.name: s for s in SCENARIOS}
