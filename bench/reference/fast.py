"""Reference (b): the same API written the fast way.

One query per list (a join with ``.values()`` at the list resolver), nested fields as plain
attributes of plain objects, parser and validation caches, orjson.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import orjson
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache

from bench.reference import ticket
from bench.reference.booking import Mutation as BookingMutation
from bench.reference.common import (
    cursor_pk,
    desc_cursor_pk,
    global_id,
    lifespan,
    money,
    room_status,
    today,
)
from bench.reference.models import Reservation, Room, RoomClosure, RoomStay
from bench.reference.rack_chart import RoomRackChartT, rack_chart
from bench.reference.sales_models import Invoice, InvoiceLine


@strawberry.type
class RoomTypeT:
    id: strawberry.ID
    name: str


@strawberry.type
class RoomT:
    id: strawberry.ID
    number: str
    floor: int
    status: str
    room_type: RoomTypeT


@strawberry.type
class GuestT:
    display_name: str


@strawberry.type
class ReservationT:
    id: strawberry.ID
    status: str
    arrival: dt.date
    departure: dt.date
    guest: GuestT
    room: RoomT


@strawberry.type
class InvoiceLineT:
    description: str
    quantity: str
    net: str
    tax: str


@strawberry.type
class InvoiceT:
    id: strawberry.ID
    number: str | None
    status: str
    total: str
    tax_total: str
    currency: str
    party: GuestT
    lines: list[InvoiceLineT]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ReservationEdge:
    node: ReservationT
    cursor: str


@strawberry.type
class ReservationConnection:
    edges: list[ReservationEdge]
    page_info: PageInfo


@strawberry.type
class InvoiceEdge:
    node: InvoiceT
    cursor: str


@strawberry.type
class InvoiceConnection:
    edges: list[InvoiceEdge]
    page_info: PageInfo


@strawberry.type
class RoomEdge:
    node: RoomT
    cursor: str


@strawberry.type
class RoomConnection:
    edges: list[RoomEdge]
    page_info: PageInfo


async def _closed(room_ids: list[int]) -> set[int]:
    """Rooms out of order today (one query for the page)."""
    day = today()
    return set(
        await RoomClosure.filter(room_id__in=room_ids, start__lte=day, end__gt=day).values_list(
            "room_id", flat=True
        )
    )


def _room(r: dict[str, Any], p: str, closed: bool = False) -> RoomT:
    return RoomT(
        id=strawberry.ID(global_id("Room", r[f"{p}id"])),
        number=r[f"{p}number"],
        floor=r[f"{p}floor"],
        status=room_status(r[f"{p}occupancy"], r[f"{p}cleanliness"], closed),
        room_type=RoomTypeT(
            id=strawberry.ID(global_id("RoomType", r[f"{p}room_type__id"])),
            name=r[f"{p}room_type__name"],
        ),
    )


def _page(rows: list[Any], first: int, edges: list[Any]) -> PageInfo:
    return PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None)


@strawberry.type
class RackRoomTypeT:
    name: str


@strawberry.type
class RackRoomT:
    id: strawberry.ID
    number: str
    room_type: RackRoomTypeT


@strawberry.type
class RackReservationT:
    id: strawberry.ID
    guest: GuestT


@strawberry.type
class RackCellT:
    date: dt.date
    reservation: RackReservationT | None
    closed: bool


@strawberry.type
class RackSpanT:
    start: dt.date
    nights: int
    reservation: RackReservationT | None
    closed: bool


@strawberry.type
class RackRowT:
    room: RackRoomT
    cells: list[RackCellT]
    spans: list[RackSpanT]


@strawberry.type
class RackRowEdge:
    node: RackRowT


@strawberry.type
class RackRowConnection:
    edges: list[RackRowEdge]


#: Statuses whose stays show on the rack (draft stays only where nothing holds the night).
RACK_STATUSES = ("confirmed", "checked_in", "checked_out", "draft")


async def _rack(site_id: int, start: dt.date, days: int, first: int) -> list[RackRowT]:
    """Three queries: the rooms, their stays with the guest's name, their closures; each
    row's nights in one pass, cells and spans as plain objects."""
    until = start + dt.timedelta(days=days)
    rooms = (
        await Room.filter(site_id=site_id)
        .order_by("floor", "number", "id")
        .limit(first)
        .values("id", "number", "room_type__name")
    )
    ids = [r["id"] for r in rooms]
    held: dict[int, list[RackReservationT | None]] = {i: [None] * days for i in ids}
    holding: dict[int, list[bool]] = {i: [False] * days for i in ids}
    shown: dict[int, RackReservationT] = {}
    for seg in await RoomStay.filter(
        room_id__in=ids,
        reservation__status__in=RACK_STATUSES,
        start__lt=until,
        end__gt=start,
    ).values(
        "room_id", "reservation_id", "start", "end", "holding", "reservation__guest__display_name"
    ):
        rid = seg["reservation_id"]
        stay = shown.get(rid) or shown.setdefault(
            rid,
            RackReservationT(
                id=strawberry.ID(global_id("Reservation", rid)),
                guest=GuestT(display_name=seg["reservation__guest__display_name"]),
            ),
        )
        row, holds = held[seg["room_id"]], holding[seg["room_id"]]
        for i in range(max((seg["start"] - start).days, 0), min((seg["end"] - start).days, days)):
            if row[i] is None or (seg["holding"] and not holds[i]):
                row[i], holds[i] = stay, seg["holding"]
    shut: dict[int, list[bool]] = {i: [False] * days for i in ids}
    for c in await RoomClosure.filter(room_id__in=ids, start__lt=until, end__gt=start).values(
        "room_id", "start", "end"
    ):
        for i in range(max((c["start"] - start).days, 0), min((c["end"] - start).days, days)):
            shut[c["room_id"]][i] = True
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    out = []
    for r in rooms:
        nights, closed = held[r["id"]], shut[r["id"]]
        spans, first_night = [], 0
        for i in range(1, days + 1):
            if (
                i == days
                or nights[i] is not nights[first_night]
                or closed[i] != closed[first_night]
            ):
                spans.append(
                    RackSpanT(
                        start=dates[first_night],
                        nights=i - first_night,
                        reservation=nights[first_night],
                        closed=closed[first_night],
                    )
                )
                first_night = i
        out.append(
            RackRowT(
                room=RackRoomT(
                    id=strawberry.ID(global_id("Room", r["id"])),
                    number=r["number"],
                    room_type=RackRoomTypeT(name=r["room_type__name"]),
                ),
                cells=[
                    RackCellT(date=d, reservation=n, closed=c)
                    for d, n, c in zip(dates, nights, closed, strict=True)
                ],
                spans=spans,
            )
        )
    return out


@strawberry.type
class Query:
    @strawberry.field
    async def arrivals(
        self, day: dt.date, first: int = 50, after: str | None = None
    ) -> ReservationConnection:
        rows = (
            await Reservation.filter(arrival=day, id__gt=cursor_pk(after))
            .order_by("id")
            .limit(first + 1)
            .values(
                "id", "status", "arrival", "departure", "guest__display_name",
                "room__id", "room__number", "room__floor", "room__occupancy", "room__cleanliness",
                "room__room_type__id", "room__room_type__name",
            )
        )  # fmt: skip
        edges = []
        for r in rows[:first]:
            gid = global_id("Reservation", r["id"])
            node = ReservationT(
                id=strawberry.ID(gid),
                status=r["status"].upper(),
                arrival=r["arrival"],
                departure=r["departure"],
                guest=GuestT(display_name=r["guest__display_name"]),
                room=_room(r, "room__"),
            )
            edges.append(ReservationEdge(node=node, cursor=gid))
        return ReservationConnection(edges=edges, page_info=_page(rows, first, edges))

    @strawberry.field
    async def room_rack(
        self,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        days: int = 14,
        first: int = 50,
    ) -> RackRowConnection:
        rows = await _rack(cursor_pk(site_id), from_, max(1, min(days, 31)), first)
        return RackRowConnection(edges=[RackRowEdge(node=row) for row in rows])

    @strawberry.field
    async def room_rack_chart(
        self,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        days: int = 14,
        first: int = 50,
    ) -> RoomRackChartT:
        return await rack_chart(cursor_pk(site_id), from_, max(1, min(days, 31)), first)

    @strawberry.field
    async def rooms(self, first: int = 50, after: str | None = None) -> RoomConnection:
        rows = (
            await Room.filter(id__gt=cursor_pk(after))
            .order_by("id")
            .limit(first + 1)
            .values(
                "id",
                "number",
                "floor",
                "occupancy",
                "cleanliness",
                "room_type__id",
                "room_type__name",
            )
        )
        closed = await _closed([r["id"] for r in rows[:first]])
        edges = [
            RoomEdge(node=_room(r, "", r["id"] in closed), cursor=global_id("Room", r["id"]))
            for r in rows[:first]
        ]
        return RoomConnection(edges=edges, page_info=_page(rows, first, edges))

    @strawberry.field
    async def invoices(self, first: int = 50, after: str | None = None) -> InvoiceConnection:
        rows = (
            await Invoice.filter(id__lt=desc_cursor_pk(after))
            .order_by("-id")
            .limit(first + 1)
            .values(
                "id", "number", "status", "total", "tax_total", "currency",
                "party__display_name",
            )
        )  # fmt: skip
        lines: dict[int, list[InvoiceLineT]] = {r["id"]: [] for r in rows[:first]}
        for ln in (
            await InvoiceLine.filter(invoice_id__in=list(lines))
            .order_by("invoice_id", "position")
            .values("invoice_id", "description", "quantity", "net", "tax")
        ):
            lines[ln["invoice_id"]].append(
                InvoiceLineT(
                    description=ln["description"],
                    quantity=str(ln["quantity"]),
                    net=money(ln["net"]),
                    tax=money(ln["tax"]),
                )
            )
        edges = []
        for r in rows[:first]:
            gid = global_id("Invoice", r["id"])
            node = InvoiceT(
                id=strawberry.ID(gid),
                number=r["number"],
                status=r["status"].upper(),
                total=money(r["total"]),
                tax_total=money(r["tax_total"]),
                currency=r["currency"],
                party=GuestT(display_name=r["party__display_name"]),
                lines=lines[r["id"]],
            )
            edges.append(InvoiceEdge(node=node, cursor=gid))
        return InvoiceConnection(edges=edges, page_info=_page(rows, first, edges))


@strawberry.type
class TicketT:
    id: strawberry.ID


@strawberry.type
class ErrorT:
    field: str | None
    code: str
    message: str


@strawberry.type
class TicketPayload:
    ticket: TicketT | None
    errors: list[ErrorT]


@strawberry.input
class QueueTicketIssueInput:
    service_id: strawberry.ID
    priority: str | None = "NORMAL"


@strawberry.type
class Mutation(BookingMutation):
    @strawberry.mutation
    async def queue_ticket_issue(self, input: QueueTicketIssueInput) -> TicketPayload:
        """The counter's ticket, written by hand (``ticket.issue``)."""
        made = await ticket.issue(cursor_pk(input.service_id), (input.priority or "NORMAL").lower())
        if made is None:
            return TicketPayload(
                ticket=None,
                errors=[ErrorT(field="serviceId", code="NOT_FOUND", message="Not found")],
            )
        return TicketPayload(
            ticket=TicketT(id=strawberry.ID(global_id("QueueTicket", made["id"]))), errors=[]
        )


schema = strawberry.Schema(
    query=Query, mutation=Mutation, extensions=[ParserCache, ValidationCache]
)


class View(GraphQL):
    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)


def create_app(db_url: str) -> Starlette:
    view = View(schema, graphql_ide=None)
    return Starlette(routes=[Route("/graphql", view, methods=["POST"])], lifespan=lifespan(db_url))
