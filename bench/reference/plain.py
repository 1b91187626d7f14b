"""Reference (c): the same SQL as reference (b) served as plain JSON, no GraphQL.

``POST /graphql`` with the same body as the GraphQL apps; the operation name picks the
handler and the variables are read from the body, so the load generator sends identical requests.
The response has the same shape as the GraphQL response.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

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


async def _closed(room_ids: list[int]) -> set[int]:
    """Rooms out of order today (one query for the page)."""
    day = today()
    return set(
        await RoomClosure.filter(room_id__in=room_ids, start__lte=day, end__gt=day).values_list(
            "room_id", flat=True
        )
    )


def _room(r: dict[str, Any], p: str, closed: bool = False) -> dict[str, Any]:
    return {
        "id": global_id("Room", r[f"{p}id"]),
        "number": r[f"{p}number"],
        "floor": r[f"{p}floor"],
        "status": room_status(r[f"{p}occupancy"], r[f"{p}cleanliness"], closed),
        "roomType": {
            "id": global_id("RoomType", r[f"{p}room_type__id"]),
            "name": r[f"{p}room_type__name"],
        },
    }


def _connection(rows: list[Any], first: int, edges: list[Any], type_name: str) -> dict[str, Any]:
    last = rows[: len(edges)][-1]["id"] if edges else None
    return {
        "edges": edges,
        "pageInfo": {
            "hasNextPage": len(rows) > first,
            "endCursor": global_id(type_name, last) if edges else None,
        },
    }


async def arrivals(v: dict[str, Any]) -> dict[str, Any]:
    first = int(v.get("first", 50))
    rows = (
        await Reservation.filter(
            arrival=dt.date.fromisoformat(v["day"]), id__gt=cursor_pk(v.get("after"))
        )
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
        node = {
            "id": gid,
            "status": r["status"].upper(),
            "arrival": r["arrival"],
            "departure": r["departure"],
            "guest": {"displayName": r["guest__display_name"]},
            "room": {
                "number": r["room__number"],
                "roomType": {"name": r["room__room_type__name"]},
            },
        }
        edges.append({"node": node})
    return {"arrivals": _connection(rows, first, edges, "Reservation")}


async def rooms(v: dict[str, Any]) -> dict[str, Any]:
    first = int(v.get("first", 50))
    rows = (
        await Room.filter(id__gt=cursor_pk(v.get("after")))
        .order_by("id")
        .limit(first + 1)
        .values(
            "id", "number", "floor", "occupancy", "cleanliness", "room_type__id", "room_type__name"
        )
    )
    closed = await _closed([r["id"] for r in rows[:first]])
    edges = [{"node": _room(r, "", r["id"] in closed)} for r in rows[:first]]
    return {"rooms": _connection(rows, first, edges, "Room")}


async def invoices(v: dict[str, Any]) -> dict[str, Any]:
    first = int(v.get("first", 50))
    rows = (
        await Invoice.filter(id__lt=desc_cursor_pk(v.get("after")))
        .order_by("-id")
        .limit(first + 1)
        .values("id", "number", "status", "total", "tax_total", "currency", "party__display_name")
    )
    lines: dict[int, list[dict[str, Any]]] = {r["id"]: [] for r in rows[:first]}
    for ln in (
        await InvoiceLine.filter(invoice_id__in=list(lines))
        .order_by("invoice_id", "position")
        .values("invoice_id", "description", "quantity", "net", "tax")
    ):
        lines[ln["invoice_id"]].append(
            {
                "description": ln["description"],
                "quantity": str(ln["quantity"]),
                "net": money(ln["net"]),
                "tax": money(ln["tax"]),
            }
        )
    edges = [
        {
            "node": {
                "id": global_id("Invoice", r["id"]),
                "number": r["number"],
                "status": r["status"].upper(),
                "total": money(r["total"]),
                "taxTotal": money(r["tax_total"]),
                "currency": r["currency"],
                "party": {"displayName": r["party__display_name"]},
                "lines": lines[r["id"]],
            }
        }
        for r in rows[:first]
    ]
    return {"invoices": _connection(rows, first, edges, "Invoice")}


HANDLERS = {"Arrivals": arrivals, "Rooms": rooms, "Invoices": invoices}


async def endpoint(request: Request) -> Response:
    body = orjson.loads(await request.body())
    handler = HANDLERS.get(body.get("operationName") or "")
    if handler is None:
        return Response(b'{"errors":[{"message":"unknown operation"}]}', status_code=400)
    data = await handler(body.get("variables") or {})
    return Response(orjson.dumps({"data": data}), media_type="application/json")


def create_app(db_url: str) -> Starlette:
    return Starlette(
        routes=[Route("/graphql", endpoint, methods=["POST"])], lifespan=lifespan(db_url)
    )
