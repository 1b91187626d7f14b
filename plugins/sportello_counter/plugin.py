"""Public counter: services, counters, queue tickets, appointments, hall display, statistics.

The call-next rule is documented in ``sportello_counter.services`` and README.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import hookimpl
from sportello.events import EventType
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import ModelSet, PluginInfo
from sportello.privacy import ErasureReport
from sportello_counter import demo, services
from sportello_counter.graphql import mutations, queries, subscriptions, types
from sportello_counter.messages import MESSAGES
from sportello_counter.settings import CounterSettings

TICKET_PAYLOAD = {
    "ticket_id": "int",
    "number": "str (printed code, A001)",
    "service_id": "int",
    "status": "str",
    "counter_id": "int or null",
    "counter_name": "str or null",
    "waiting": "{service_id: tickets waiting} for the ticket's site",
}


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="counter",
        title="Public counter",
        version="0.1.0",
        requires=("reception",),
        description="Services, counters, queue tickets, appointments, hall display, statistics.",
        settings=CounterSettings,
    )


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("counter", ("sportello_counter.models",), "sportello_counter.migrations")


@hookimpl
def sportello_startup(runtime: Any) -> None:
    services.configure(runtime.plugin_settings("counter"))


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [
        types.CounterService,
        types.Counter,
        types.QueueTicket,
        types.Appointment,
        types.DisplayToken,
    ]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.CounterQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [subscriptions.CounterSubscriptions]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("counter.view", "See services, counters, tickets, appointments, statistics"),
        Permission(
            "counter.operate",
            "Clerk work: call, recall, serve, transfer, cancel tickets (at the clerk's counter)",
        ),
        Permission("counter.issue", "Issue tickets and book or check in appointments (kiosk)"),
        Permission(
            "counter.manage",
            "Create and edit services and counters, manage display tokens, work at any counter",
        ),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("front_desk", ("counter.view", "counter.operate", "counter.issue")),
        RoleSpec("manager", ("counter.view", "counter.operate", "counter.issue", "counter.manage")),
        RoleSpec("back_office", ("counter.view",)),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_event_types() -> list[EventType]:
    descriptions = {
        services.TICKET_ISSUED: "A queue ticket was issued (walk-in or checked-in appointment).",
        services.TICKET_CALLED: "A ticket was called (or recalled) to a counter.",
        services.TICKET_NO_SHOW: "A called ticket was marked no-show.",
        services.TICKET_SERVICE_STARTED: "A clerk started serving a ticket.",
        services.TICKET_FINISHED: "A clerk finished serving a ticket.",
        services.TICKET_TRANSFERRED: "A ticket moved to another service, keeping its place.",
        services.TICKET_CANCELLED: "A waiting ticket was withdrawn.",
    }
    return [
        *(
            EventType(name, description=descriptions[name], payload=TICKET_PAYLOAD)
            for name in services.EVENTS
        ),
        EventType(
            services.DISPLAY_TOKEN_REVOKED,
            description="A hall display token was revoked: displays using it stop.",
            payload={"token_id": "int"},
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
