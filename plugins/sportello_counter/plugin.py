"""Public counter: services, counters, queue tickets, appointments, hall display, statistics.

The call-next rule is documented in ``sportello_counter.services`` and README.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_counter import demo, services
from sportello_counter.graphql import mutations, printout, public, queries, subscriptions, types
from sportello_counter.messages import MESSAGES
from sportello_counter.services import reminders
from sportello_counter.services.party_merge import party_merge
from sportello_counter.settings import CounterSettings
from sportello_reception.api import SiteIds

VIEW, OPERATE, ISSUE, MANAGE = "counter.view", "counter.operate", "counter.issue", "counter.manage"
NAMES = types.NAMES

TICKET_EVENTS = {
    services.TICKET_ISSUED: "A queue ticket was issued (walk-in or checked-in appointment).",
    services.TICKET_CALLED: "A ticket was called (or recalled) to a counter.",
    services.TICKET_NO_SHOW: "A called ticket was marked no-show.",
    services.TICKET_SERVICE_STARTED: "A clerk started serving a ticket.",
    services.TICKET_FINISHED: "A clerk finished serving a ticket.",
    services.TICKET_TRANSFERRED: "A ticket moved to another service, keeping its place.",
    services.TICKET_CANCELLED: "A waiting ticket was withdrawn.",
}


def _startup(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("counter"))


office = api.Office(
    name="counter",
    title="Public counter",
    version="0.1.0",
    requires=("reception",),
    description="Services, counters, queue tickets, appointments, hall display, statistics.",
    settings=CounterSettings,
    types=[
        types.CounterService,
        types.Counter,
        types.QueueTicket,
        types.Appointment,
        types.DisplayToken,
    ],
    queries=[queries.CounterQueries, public.PublicCounterQueries, printout.PrintoutQueries],
    mutations=mutations.ALL,
    subscriptions=[subscriptions.CounterSubscriptions],
    permissions={
        VIEW: "See services, counters, tickets, appointments, statistics",
        OPERATE: (
            "Clerk work: call, recall, serve, transfer, cancel tickets (at the clerk's counter)"
        ),
        ISSUE: "Issue tickets and book or check in appointments (kiosk)",
        MANAGE: "Create and edit services and counters, manage display tokens, work at any counter",
        NAMES: "Read citizens' names, booking codes and outcome notes on tickets and appointments",
        services.ROSTER_OVERRIDE: (
            "Open a counter for a clerk the roster does not have on duty (audited)"
        ),
    },
    roles={
        "front_desk": [VIEW, OPERATE, ISSUE, NAMES],
        "manager": [VIEW, OPERATE, ISSUE, MANAGE, NAMES, services.ROSTER_OVERRIDE],
        "back_office": [VIEW],
        # A kiosk's service account: issues tickets, checks appointments in, reads no names.
        "kiosk": [VIEW, ISSUE],
    },
    translations=MESSAGES,
    notifications=reminders.KINDS,
    event_types=[
        *(
            api.EventType(name, description=TICKET_EVENTS[name], payload=services.TicketEvent)
            for name in services.EVENTS
        ),
        api.EventType(
            services.DISPLAY_TOKEN_REVOKED,
            description="A hall display token was revoked: displays using it stop.",
            payload=services.DisplayTokenRevoked,
        ),
    ],
    startup=_startup,
    demo=demo.load,
    party_data=services.party_data,
    party_erase=services.party_erase,
    party_merge=party_merge,
)


# Reception's hooks (reception is a declared requirement): tickets and appointments in its lists.
@api.hookimpl
async def sportello_reception_arrivals(site_ids: SiteIds, day: dt.date) -> Sequence[Any]:
    return await services.arrivals_for_hook(site_ids, day)


@api.hookimpl
async def sportello_reception_present(site_ids: SiteIds) -> Sequence[Any]:
    return await services.present_for_hook(site_ids)


# The CRM's 360° timeline (when the CRM is on): the citizen's appointments.
@api.hookimpl(optionalhook=True)
def sportello_crm_timeline_sources() -> list[dict[str, Any]]:
    return [
        {
            "office": "counter",
            "permission": "counter.view",
            "sql": "SELECT slot_at AS at, 'appointment.' || status AS kind, code AS title,"
            " 'Appointment' AS type_name, id AS pk, site_id, party_id"
            " FROM counter_appointment",
        }
    ]
