"""Reference (a): strawberry + tortoise written the straightforward way.

Model instances, one async resolver per nested field with a per-request DataLoader, no caches,
the stock JSON encoder. This is what a first version of a list screen usually looks like.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.dataloader import DataLoader

from bench.reference.common import (
    cursor_pk,
    desc_cursor_pk,
    global_id,
    lifespan,
    money,
    room_status,
    today,
)
from bench.reference.models import Reservation, Room, RoomClosure, RoomType
from bench.reference.sales_models import Invoice, InvoiceLine
from sportello.parties.models import Party


def _loader(model: Any) -> DataLoader[int, Any]:
    async def load(keys: list[int]) -> list[Any]:
        rows = {row.id: row for row in await model.filter(id__in=keys)}
        return [rows.get(k) for k in keys]

    return DataLoader(load_fn=load)


async def _closed(room_ids: list[int]) -> list[bool]:
    day = today()
    closed = set(
        await RoomClosure.filter(room_id__in=room_ids, start__lte=day, end__gt=day).values_list(
            "room_id", flat=True
        )
    )
    return [pk in closed for pk in room_ids]


@strawberry.type
class RoomTypeT:
    id: strawberry.ID
    name: str


@strawberry.type
class RoomT:
    instance: strawberry.Private[Any]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id("Room", self.instance.id))

    @strawberry.field
    def number(self) -> str:
        return self.instance.number

    @strawberry.field
    def floor(self) -> int:
        return self.instance.floor

    @strawberry.field
    async def status(self, info: strawberry.Info) -> str:
        closed = await info.context["loaders"]["closed"].load(self.instance.id)
        return room_status(self.instance.occupancy, self.instance.cleanliness, closed)

    @strawberry.field
    async def room_type(self, info: strawberry.Info) -> RoomTypeT:
        rt = await info.context["loaders"]["room_type"].load(self.instance.room_type_id)
        return RoomTypeT(id=strawberry.ID(global_id("RoomType", rt.id)), name=rt.name)


@strawberry.type
class GuestT:
    instance: strawberry.Private[Any]

    @strawberry.field
    def display_name(self) -> str:
        return self.instance.display_name


@strawberry.type
class ReservationT:
    instance: strawberry.Private[Any]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id("Reservation", self.instance.id))

    @strawberry.field
    def status(self) -> str:
        return self.instance.status.upper()

    @strawberry.field
    def arrival(self) -> dt.date:
        return self.instance.arrival

    @strawberry.field
    def departure(self) -> dt.date:
        return self.instance.departure

    @strawberry.field
    async def guest(self, info: strawberry.Info) -> GuestT:
        return GuestT(instance=await info.context["loaders"]["party"].load(self.instance.guest_id))

    @strawberry.field
    async def room(self, info: strawberry.Info) -> RoomT:
        return RoomT(instance=await info.context["loaders"]["room"].load(self.instance.room_id))


@strawberry.type
class InvoiceLineT:
    instance: strawberry.Private[Any]

    @strawberry.field
    def description(self) -> str:
        return self.instance.description

    @strawberry.field
    def quantity(self) -> str:
        return str(self.instance.quantity)

    @strawberry.field
    def net(self) -> str:
        return money(self.instance.net)

    @strawberry.field
    def tax(self) -> str:
        return money(self.instance.tax)


@strawberry.type
class InvoiceT:
    instance: strawberry.Private[Any]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(global_id("Invoice", self.instance.id))

    @strawberry.field
    def number(self) -> str | None:
        return self.instance.number

    @strawberry.field
    def status(self) -> str:
        return self.instance.status.upper()

    @strawberry.field
    def total(self) -> str:
        return money(self.instance.total)

    @strawberry.field
    def tax_total(self) -> str:
        return money(self.instance.tax_total)

    @strawberry.field
    def currency(self) -> str:
        return self.instance.currency

    @strawberry.field
    async def party(self, info: strawberry.Info) -> GuestT:
        return GuestT(instance=await info.context["loaders"]["party"].load(self.instance.party_id))

    @strawberry.field
    async def lines(self, info: strawberry.Info) -> list[InvoiceLineT]:
        rows = await info.context["loaders"]["lines"].load(self.instance.id)
        return [InvoiceLineT(instance=r) for r in rows]


@strawberry.type
class InvoiceEdge:
    node: InvoiceT
    cursor: str


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
        )
        edges = [
            ReservationEdge(node=ReservationT(instance=r), cursor=global_id("Reservation", r.id))
            for r in rows[:first]
        ]
        return ReservationConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
        )

    @strawberry.field
    async def rooms(self, first: int = 50, after: str | None = None) -> RoomConnection:
        rows = await Room.filter(id__gt=cursor_pk(after)).order_by("id").limit(first + 1)
        edges = [RoomEdge(node=RoomT(instance=r), cursor=global_id("Room", r.id)) for r in rows]
        edges = edges[:first]
        return RoomConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
        )

    @strawberry.field
    async def invoices(self, first: int = 50, after: str | None = None) -> InvoiceConnection:
        rows = await Invoice.filter(id__lt=desc_cursor_pk(after)).order_by("-id").limit(first + 1)
        edges = [
            InvoiceEdge(node=InvoiceT(instance=r), cursor=global_id("Invoice", r.id))
            for r in rows[:first]
        ]
        return InvoiceConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
        )


async def _invoice_lines(keys: list[int]) -> list[list[Any]]:
    found: dict[int, list[Any]] = {k: [] for k in keys}
    for line in await InvoiceLine.filter(invoice_id__in=keys).order_by("invoice_id", "position"):
        found[line.invoice_id].append(line)
    return [found[k] for k in keys]


schema = strawberry.Schema(query=Query)


class View(GraphQL):
    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        return {
            "request": request,
            "loaders": {
                "party": _loader(Party),
                "room": _loader(Room),
                "room_type": _loader(RoomType),
                "closed": DataLoader(load_fn=_closed),
                "lines": DataLoader(load_fn=_invoice_lines),
            },
        }


def create_app(db_url: str) -> Starlette:
    view = View(schema, graphql_ide=None)
    return Starlette(routes=[Route("/graphql", view, methods=["POST"])], lifespan=lifespan(db_url))
