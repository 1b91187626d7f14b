"""Reference (b): the same API written the fast way.

One query per list (a join with ``.values()`` at the list resolver), nested fields as plain
attributes of plain objects, parser and validation caches, orjson.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.extensions import ParserCache, ValidationCache

from bench.reference.booking import Mutation
from bench.reference.common import (
    cursor_pk,
    desc_cursor_pk,
    global_id,
    lifespan,
    money,
    room_status,
    today,
)
from bench.reference.models import Reservation, Room, RoomClosure
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


schema = strawberry.Schema(
    query=Query, mutation=Mutation, extensions=[ParserCache, ValidationCache]
)


class View(GraphQL):
    def encode_json(self, data: object) -> bytes:  # type: ignore[override]
        return orjson.dumps(data)


def create_app(db_url: str) -> Starlette:
    view = View(schema, graphql_ide=None)
    return Starlette(routes=[Route("/graphql", view, methods=["POST"])], lifespan=lifespan(db_url))
