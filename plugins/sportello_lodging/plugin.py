"""Lodging: rooms, reservations, check-in with the guest registry, folio and housekeeping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import hookimpl
from sportello.cli import Command
from sportello.events import EventType
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import ModelSet, PluginInfo
from sportello.privacy import ErasureReport
from sportello_lodging import cli, demo, services
from sportello_lodging.graphql import mutations, queries, subscriptions, types
from sportello_lodging.messages import MESSAGES
from sportello_lodging.settings import LodgingSettings


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="lodging",
        title="Lodging (hotel reception)",
        version="0.1.0",
        requires=("reception",),
        description="Rooms, reservations, guest registry, folio and housekeeping.",
        settings=LodgingSettings,
    )


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("lodging", ("sportello_lodging.models",), "sportello_lodging.migrations")


@hookimpl
def sportello_startup(runtime: Any) -> None:
    services.configure(runtime.plugin_settings("lodging"))


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Reservation, types.Room, types.RoomType, types.FolioLine, types.RoomClosure]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.LodgingQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [subscriptions.LodgingSubscriptions]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("lodging.view", "See reservations, folios, the guest registry and the rack"),
        Permission("lodging.rooms.view", "See rooms, room types and their housekeeping status"),
        Permission("lodging.housekeeping", "Housekeeping: mark rooms dirty, clean or inspected"),
        Permission("lodging.manage", "Create and edit room types, rooms and closures"),
        Permission("lodging.reservations", "Front desk work: book, check in and out, charge"),
        Permission(services.BACKDATE, "Book or date stays in the past (a walk-in registered late)"),
        Permission("lodging.folio.override", "Close an unpaid folio at checkout"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec(
            "front_desk",
            ("lodging.view", "lodging.rooms.view", "lodging.reservations", "lodging.housekeeping"),
        ),
        RoleSpec(
            "manager",
            (
                "lodging.view",
                "lodging.rooms.view",
                "lodging.manage",
                "lodging.reservations",
                "lodging.housekeeping",
                services.BACKDATE,
                "lodging.folio.override",
            ),
        ),
        RoleSpec("back_office", ("lodging.view", "lodging.rooms.view")),
        RoleSpec(
            "housekeeping",
            ("lodging.rooms.view", "lodging.housekeeping"),
            "Housekeeping staff: rooms and their status, nothing about guests",
        ),
    ]


@hookimpl
def sportello_cli_commands() -> list[Command]:
    return list(cli.COMMANDS)


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType(
            services.ROOM_STATUS_CHANGED,
            description="A room's occupancy or cleanliness changed (or it went out of order).",
            payload={"room_id": "int", "number": "str", "occupancy": "str", "cleanliness": "str"},
        ),
        EventType(
            services.FOLIO_CLOSED,
            description="A stay was checked out and its folio closed.",
            payload={
                "reservation_id": "int",
                "guest_party_id": "int",
                "site_id": "int",
                "lines": "list of {kind, description, night, quantity, unit_amount, amount}",
                "total": "decimal as string",
                "paid": "decimal as string",
                "currency": "str",
            },
        ),
        EventType(
            services.FOLIO_PAYMENT_ADDED,
            description=(
                "A payment or deposit was added to a folio (folio_closed: after checkout, "
                "settling a folio closed unpaid)."
            ),
            payload={
                "reservation_id": "int",
                "site_id": "int",
                "kind": "payment or deposit",
                "amount": "decimal as string",
                "balance": "decimal as string",
                "currency": "str",
                "folio_closed": "bool",
            },
        ),
        EventType(
            services.RESERVATION_CHECKED_IN,
            description="A guest checked in.",
            payload={"reservation_id": "int", "room_id": "int", "guest_party_id": "int"},
        ),
        EventType(
            services.RESERVATION_CHECKED_OUT,
            description="A guest checked out.",
            payload={"reservation_id": "int", "room_id": "int", "guest_party_id": "int"},
        ),
    ]


@hookimpl
async def sportello_reception_arrivals(
    site_ids: frozenset[int] | None, day: dt.date
) -> Sequence[Any]:
    return await services.arrivals_for_hook(site_ids, day)


@hookimpl
async def sportello_reception_present(site_ids: frozenset[int] | None) -> Sequence[Any]:
    return await services.present_for_hook(site_ids)


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    return await services.party_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> ErasureReport:
    return await services.party_erase(party_id)


@hookimpl
async def sportello_demo_data(runtime: Any) -> None:
    await demo.load()
