"""Lodging: rooms, reservations, check-in with the guest registry, folio and housekeeping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_lodging import cli, demo, services
from sportello_lodging.billing_messages import BILLING_MESSAGES
from sportello_lodging.graphql import (
    billing,
    folio,
    groups,
    mutations,
    night_audit,
    queries,
    rack_chart,
    registry,
    subscriptions,
    types,
)
from sportello_lodging.group_messages import GROUP_MESSAGES
from sportello_lodging.messages import MESSAGES
from sportello_lodging.services import confirmations, events
from sportello_lodging.services import night_audit as audits
from sportello_lodging.services.party_merge import party_merge
from sportello_lodging.settings import LodgingSettings
from sportello_reception.api import SiteIds

VIEW, ROOMS_VIEW, MANAGE = "lodging.view", "lodging.rooms.view", "lodging.manage"
RESERVATIONS, HOUSEKEEPING, OVERRIDE, CORRECT = (
    "lodging.reservations",
    "lodging.housekeeping",
    "lodging.folio.override",
    "lodging.folio.correct",
)


def _configure(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("lodging"))


office = api.Office(
    name="lodging",
    title="Lodging (hotel reception)",
    version="0.1.0",
    requires=("reception",),
    description="Rooms, reservations, guest registry, folio and housekeeping.",
    settings=LodgingSettings,
    jobs=[audits.JOB],
    startup=_configure,
    models=(
        "sportello_lodging.models",
        "sportello_lodging.billing_models",
        "sportello_lodging.group_models",
    ),
    type_fields=[
        api.TypeFields(types.Reservation, billing.ReservationBillingFields),
        api.TypeFields(types.Reservation, groups.ReservationGroupFields),
    ],
    types=[
        types.Reservation,
        types.Room,
        types.RoomType,
        folio.FolioLine,
        types.RoomClosure,
        types.RatePlan,
        types.RatePrice,
        groups.ReservationGroup,
    ],
    queries=[
        queries.LodgingQueries,
        rack_chart.RackChartQueries,
        night_audit.NightAuditQueries,
        registry.PoliceQueries,
    ],
    mutations=mutations.ALL,
    subscriptions=[subscriptions.LodgingSubscriptions],
    permissions=[
        api.Permission(
            VIEW,
            "See reservations, folios and the rack (the registry's documents need lodging.registry)",
        ),
        api.Permission(ROOMS_VIEW, "See rooms, room types and their housekeeping status"),
        api.Permission(HOUSEKEEPING, "Housekeeping: mark rooms dirty, clean or inspected"),
        api.Permission(MANAGE, "Create and edit room types, rooms and closures"),
        api.Permission(RESERVATIONS, "Front desk work: book, check in and out, charge"),
        api.Permission(
            services.BACKDATE, "Book or date stays in the past (a walk-in registered late)"
        ),
        api.Permission(OVERRIDE, "Close an unpaid folio at checkout"),
        api.Permission(services.rates.MANUAL_RATE, "Book at a nightly rate set by hand"),
        api.Permission(CORRECT, "Void folio charges and refund payments (with a reason)"),
        api.Permission(
            night_audit.AUDIT, "Run the night audit (close a business day), see its report"
        ),
        api.Permission(
            registry.REGISTRY,
            "Read the guest registry's documents and birth data; export the police file",
        ),
    ],
    roles=[
        api.RoleSpec(
            "front_desk", (VIEW, ROOMS_VIEW, RESERVATIONS, HOUSEKEEPING, registry.REGISTRY)
        ),
        api.RoleSpec(
            "manager",
            (
                VIEW,
                ROOMS_VIEW,
                MANAGE,
                RESERVATIONS,
                HOUSEKEEPING,
                services.BACKDATE,
                OVERRIDE,
                CORRECT,
                services.rates.MANUAL_RATE,
                night_audit.AUDIT,
                registry.REGISTRY,
            ),
        ),
        api.RoleSpec("back_office", (VIEW, ROOMS_VIEW)),
        api.RoleSpec(
            "housekeeping",
            (ROOMS_VIEW, HOUSEKEEPING),
            "Housekeeping staff: rooms and their status, nothing about guests",
        ),
    ],
    commands=cli.COMMANDS,
    translations={
        lang: {**MESSAGES[lang], **BILLING_MESSAGES.get(lang, {}), **GROUP_MESSAGES.get(lang, {})}
        for lang in MESSAGES
    },
    notifications=[confirmations.BOOKING_CONFIRMED],
    event_types=[
        api.EventType(
            events.ROOM_STATUS_CHANGED,
            description="A room's occupancy or cleanliness changed (or it went out of order).",
            payload=events.RoomStatusChanged,
        ),
        api.EventType(
            events.FOLIO_CLOSED,
            description=(
                "A folio was closed: the stay checked out, or a cancelled or no-show "
                "reservation's money was settled (reservation_status tells which)."
            ),
            payload=events.FolioClosed,
        ),
        api.EventType(
            events.FOLIO_PAYMENT_ADDED,
            description=(
                "A payment or deposit was added to a folio (folio_closed: after checkout, "
                "settling a folio closed unpaid)."
            ),
            payload=events.FolioPaymentAdded,
        ),
        api.EventType(
            events.FOLIO_LINE_VOIDED,
            description=(
                "A folio charge was voided by a reversing line (folio_closed: after the folio "
                "was closed, a credit note is due)."
            ),
            payload=events.FolioLineVoided,
        ),
        api.EventType(
            events.FOLIO_PAYMENT_REFUNDED,
            description=(
                "Money was given back on a payment or deposit (a negative line of its kind), "
                "by hand or when a cancelled or no-show stay's deposit was refunded."
            ),
            payload=events.FolioPaymentRefunded,
        ),
        api.EventType(
            events.RESERVATION_CHECKED_IN,
            description="A guest checked in.",
            payload=events.ReservationCheckedIn,
        ),
        api.EventType(
            events.RESERVATION_CHECKED_OUT,
            description="A guest checked out.",
            payload=events.ReservationCheckedOut,
        ),
        api.EventType(
            events.RESERVATION_CREATED,
            description=(
                "A reservation was booked (draft or confirmed), with what a channel manager "
                "syncs: channel and its booking id, room type, room, dates, rate plan."
            ),
            payload=events.ReservationState,
        ),
        api.EventType(
            events.RESERVATION_CHANGED,
            description=(
                "A reservation's dates, room, guest or status changed before or during the "
                "stay (confirmed, moved, new dates, no-show); check-in and checkout have "
                "their own events."
            ),
            payload=events.ReservationChanged,
        ),
        api.EventType(
            events.RESERVATION_CANCELLED,
            description="A reservation was cancelled: its nights are free again.",
            payload=events.ReservationState,
        ),
        api.EventType(
            events.RESERVATION_GROUP_CREATED,
            description=(
                "Several rooms were booked together under one holder (a group); each room's "
                "reservation also has its own lodging.reservation.created."
            ),
            payload=events.ReservationGroupState,
        ),
        api.EventType(
            events.RESERVATION_GROUP_ROOMS_ADDED,
            description=(
                "Rooms were added to a group (each with its own lodging.reservation.created)."
            ),
            payload=events.ReservationGroupState,
        ),
        api.EventType(
            events.RESERVATION_GROUP_CANCELLED,
            description=(
                "A group was cancelled: its rooms not yet arrived were cancelled (each with its "
                "own lodging.reservation.cancelled)."
            ),
            payload=events.ReservationGroupState,
        ),
    ],
    event_handlers=confirmations.HANDLERS,
    party_data=services.party_data,
    party_erase=services.party_erase,
    demo=demo.load,
    party_merge=party_merge,
)


# Reception's hooks: the stays arriving on a day and the guests in house, for its shared lists.
@api.hookimpl
async def sportello_reception_arrivals(site_ids: SiteIds, day: dt.date) -> Sequence[object]:
    return await services.arrivals_for_hook(site_ids, day)


@api.hookimpl
async def sportello_reception_present(site_ids: SiteIds) -> Sequence[object]:
    return await services.present_for_hook(site_ids)


# The CRM's 360° timeline (when the CRM is on): the guest's stays.
@api.hookimpl(optionalhook=True)
def sportello_crm_timeline_sources() -> list[dict[str, Any]]:
    return [
        {
            "office": "lodging",
            "permission": "lodging.view",
            "sql": "SELECT created_at AS at, 'stay.' || status AS kind,"
            " 'Stay ' || CAST(arrival AS TEXT) || ' - ' || CAST(departure AS TEXT) AS title,"
            " 'Reservation' AS type_name, id AS pk, site_id, guest_id AS party_id"
            " FROM lodging_reservation",
        }
    ]
