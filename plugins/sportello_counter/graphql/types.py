from __future__ import annotations

import datetime as dt
import enum
from typing import Any, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello import api
from sportello_counter import models, services
from sportello_reception.api import Arrival


@strawberry.enum
class TicketPriority(enum.Enum):
    NORMAL = models.NORMAL
    PRIORITY = models.PRIORITY


@strawberry.enum
class PriorityReason(enum.Enum):
    PREGNANT = "pregnant"
    DISABLED = "disabled"
    ELDERLY = "elderly"


@strawberry.enum
class TicketStatus(enum.Enum):
    WAITING = models.WAITING
    CALLED = models.CALLED
    IN_SERVICE = models.IN_SERVICE
    DONE = models.DONE
    NO_SHOW = models.NO_SHOW
    CANCELLED = models.CANCELLED


@strawberry.enum
class AppointmentStatus(enum.Enum):
    BOOKED = models.BOOKED
    CHECKED_IN = models.CHECKED_IN
    CANCELLED = models.APPOINTMENT_CANCELLED


# Resolvers read the row (``root``: the model instance, or the plain object a list page loads
# with what ``__needs__`` names). Fields with resolvers come last, as the SDL has them.
def _closed_days(root: models.CounterService) -> list[dt.date]:
    return [dt.date.fromisoformat(d) for d in root.closed_days]


@strawberry.type(description="A service offered at a site, with its ticket prefix and hours.")
class CounterService(api.ModelNode):
    __model__ = models.CounterService
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {"closed_days": api.needs("closed_days")}

    id: relay.NodeID[int]
    name: str
    prefix: str
    opening_hours: JSON = strawberry.field(
        description='Weekday (0 = Monday) to [start, end] local times: {"0": [["08:30", "12:30"]]}'
    )
    service_minutes: int
    target_wait_minutes: int
    active: bool
    public_booking: bool = strawberry.field(
        description="Citizens book it themselves, without an account (publicAppointmentBook)."
    )
    daily_walk_in_quota: int | None = strawberry.field(
        description="Walk-in tickets issued a day at most (null: no limit)."
    )
    daily_appointment_quota: int | None = strawberry.field(
        description="Appointments taken a day at most (null: no limit)."
    )
    closed_days: list[dt.date] = strawberry.field(resolver=_closed_days)


async def _services_for(counters: list[models.Counter]) -> list[list[models.CounterService]]:
    wanted = {i for c in counters for i in c.service_ids}
    found = {s.id: s for s in await models.CounterService.filter(id__in=wanted)}
    return [[found[i] for i in c.service_ids if i in found] for c in counters]


async def load_counter_services(counters: list[Any]) -> None:
    """The services of a page of counters, in one query."""
    for counter, found in zip(counters, await _services_for(counters), strict=True):
        counter.services_loaded = found


async def _services_of(counter: models.Counter) -> list[models.CounterService]:
    [found] = await _services_for([counter])
    return found


def _services(root: models.Counter) -> list[CounterService]:
    loaded: list[CounterService] | None = getattr(root, "services_loaded", None)
    if loaded is None:
        # One counter, not a page (a payload, node(id:)): GraphQL awaits what it is given.
        return cast(list[CounterService], _services_of(root))
    return loaded


async def _staff_names(counters: list[Any]) -> list[str | None]:
    """Who works at each counter: its staff party, else its staff user's person (two queries
    for any number of counters)."""
    party_ids = {c.staff_id for c in counters if c.staff_id is not None}
    user_ids = {c.staff_user_id for c in counters if c.staff_id is None and c.staff_user_id}
    names = dict(
        await api.PartyModel.filter(id__in=party_ids).values_list("id", "display_name")
        if party_ids
        else []
    )
    by_user = dict(
        await api.PartyModel.filter(users__id__in=user_ids).values_list("users__id", "display_name")
        if user_ids
        else []
    )
    return [
        names.get(c.staff_id) if c.staff_id is not None else by_user.get(c.staff_user_id)
        for c in counters
    ]


async def load_staff_names(counters: list[Any]) -> None:
    """The staff names of a page of counters, in at most two queries."""
    for counter, name in zip(counters, await _staff_names(counters), strict=True):
        counter.staff_name_loaded = name


async def _staff_name_of(counter: models.Counter) -> str | None:
    [name] = await _staff_names([counter])
    return name


def _staff_name(root: models.Counter) -> str | None:
    if not hasattr(root, "staff_name_loaded"):
        # One counter, not a page (a payload, node(id:)): GraphQL awaits what it is given.
        return cast(str | None, _staff_name_of(root))
    return cast(str | None, root.staff_name_loaded)


@strawberry.type(description="A desk where a clerk serves some services.")
class Counter(api.ModelNode):
    __model__ = models.Counter
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "services": api.needs("service_ids", batch=load_counter_services),
        "staff_name": api.needs("staff_id", "staff_user_id", batch=load_staff_names),
    }

    id: relay.NodeID[int]
    name: str
    active: bool
    staff_user_id: int | None
    services: list[CounterService] = strawberry.field(resolver=_services)
    staff_name: str | None = strawberry.field(
        resolver=_staff_name,
        description="The staff member at the desk: the staff party, else the staff user's name.",
    )


def _code(root: models.Ticket) -> str:
    return root.code


def _sequence(root: models.Ticket) -> int:
    return root.number


def _ticket_kind() -> str:
    return "ticket"


#: What reading citizens' names, booking codes and outcome notes takes (a kiosk or a hall
#: screen with ``counter.view`` reads tickets and appointments without them).
NAMES = "counter.names"
NAMES_NOTE = " Null without the permission counter.names."


def _names(info: strawberry.Info) -> bool:
    allowed: bool = info.context.actor.has(NAMES)
    return allowed


def _ticket_party_name(root: models.Ticket, info: strawberry.Info) -> str | None:
    if not _names(info):
        return root.code  # what is printed on the ticket, as for a ticket given no name
    return services.ticket_party_name(root.party_name, root.code)


def _word(info: strawberry.Info, key: str) -> str:
    word: str = info.context.runtime.catalog.gettext(key, info.context.language)
    return word


def _ticket_status_label(root: models.Ticket, info: strawberry.Info) -> str:
    return _word(info, f"counter.status.{root.status}")


def _appointment_status_label(root: models.Appointment, info: strawberry.Info) -> str:
    return _word(info, f"counter.appointment_status.{root.status}")


def _ticket_outcome(root: models.Ticket, info: strawberry.Info) -> str | None:
    return root.outcome if _names(info) else None


def _ticket_expected_at(root: models.Ticket) -> dt.datetime | None:
    return services.ticket_expected_at(root.slot_at, root.issued_at)


def _ticket_arrived_at(root: models.Ticket) -> dt.datetime | None:
    return root.issued_at


def _ticket_arrival_status(root: models.Ticket) -> str:
    return services.ticket_arrival_status(root.status)


def _sla_clock(root: models.Ticket) -> api.SlaClock | None:
    if not hasattr(root, "sla_clock_loaded"):
        # One ticket, not a page (a payload, node(id:)): GraphQL awaits what it is given.
        return cast(api.SlaClock | None, services.wait_clock(root))
    return cast(api.SlaClock | None, root.sla_clock_loaded)


@strawberry.type(description="A queue ticket (walk-in or checked-in appointment).")
class QueueTicket(api.ModelNode, Arrival):
    __model__ = models.Ticket
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "number": api.needs("code"),
        "sequence": api.needs("number"),
        "arrival_kind": api.needs(),
        "party_name": api.needs("party_name", "code"),
        "outcome": api.needs("outcome"),
        "status_label": api.needs("status"),
        "expected_at": api.needs("slot_at", "issued_at"),
        "arrived_at": api.needs("issued_at"),
        "arrival_status": api.needs("status"),
        "sla_clock": api.needs(batch=services.load_wait_clocks),
    }

    id: relay.NodeID[int]
    day: dt.date
    priority_reason: str | None
    channel: str
    estimated_wait_minutes: int
    issued_at: dt.datetime
    called_at: dt.datetime | None
    recalls: int
    service_started_at: dt.datetime | None
    finished_at: dt.datetime | None
    resolved: bool | None
    transfers: int
    status: TicketStatus
    priority: TicketPriority
    service: CounterService
    counter: Counter | None
    status_label: str = strawberry.field(
        resolver=_ticket_status_label, description="The status in the reader's language."
    )
    outcome: str | None = strawberry.field(
        resolver=_ticket_outcome, description="The clerk's note on the outcome." + NAMES_NOTE
    )
    number: str = strawberry.field(resolver=_code, description="The printed code, e.g. A001.")
    sequence: int = strawberry.field(
        resolver=_sequence, description="The position in its service's daily sequence."
    )
    sla_clock: api.SlaClock | None = strawberry.field(
        resolver=_sla_clock,
        permission_classes=[api.requires("sla.view")],
        description="The wait clock: due when the service's target wait is over, met when called.",
    )

    # Arrival (reception)
    arrival_kind: str = strawberry.field(resolver=_ticket_kind, description="ticket")
    party_name: str | None = strawberry.field(
        resolver=_ticket_party_name,
        description="The name given, else the printed code (the code only, without the"
        " permission counter.names).",
    )
    expected_at: dt.datetime | None = strawberry.field(resolver=_ticket_expected_at)
    arrived_at: dt.datetime | None = strawberry.field(resolver=_ticket_arrived_at)
    arrival_status: str = strawberry.field(
        resolver=_ticket_arrival_status, description="waiting, called, in_service, left, no_show"
    )


def _appointment_kind() -> str:
    return "appointment"


def _appointment_party_name(root: models.Appointment, info: strawberry.Info) -> str | None:
    return root.party_name if _names(info) else None


def _appointment_code(root: models.Appointment, info: strawberry.Info) -> str | None:
    return root.code if _names(info) else None


def _appointment_expected_at(root: models.Appointment) -> dt.datetime | None:
    return root.slot_at


def _appointment_arrived_at(root: models.Appointment) -> dt.datetime | None:
    return root.checked_in_at


def _appointment_arrival_status(root: models.Appointment) -> str:
    return services.appointment_arrival_status(root.status)


@strawberry.type(description="A booked slot for a service.")
class Appointment(api.ModelNode, Arrival):
    __model__ = models.Appointment
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "arrival_kind": api.needs(),
        "code": api.needs("code"),
        "status_label": api.needs("status"),
        "party_name": api.needs("party_name"),
        "expected_at": api.needs("slot_at"),
        "arrived_at": api.needs("checked_in_at"),
        "arrival_status": api.needs("status"),
    }

    id: relay.NodeID[int]
    slot_at: dt.datetime
    checked_in_at: dt.datetime | None
    created_at: dt.datetime
    status: AppointmentStatus
    service: CounterService
    status_label: str = strawberry.field(
        resolver=_appointment_status_label, description="The status in the reader's language."
    )
    code: str | None = strawberry.field(
        resolver=_appointment_code,
        description="The booking code the citizen keeps (it cancels and moves the booking)."
        + NAMES_NOTE,
    )

    # Arrival (reception)
    arrival_kind: str = strawberry.field(resolver=_appointment_kind, description="appointment")
    party_name: str | None = strawberry.field(
        resolver=_appointment_party_name, description="The citizen's name." + NAMES_NOTE
    )
    expected_at: dt.datetime | None = strawberry.field(resolver=_appointment_expected_at)
    arrived_at: dt.datetime | None = strawberry.field(resolver=_appointment_arrived_at)
    arrival_status: str = strawberry.field(
        resolver=_appointment_arrival_status, description="expected, arrived, cancelled"
    )


@strawberry.type(description="A bookable slot.")
class AppointmentSlot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    available: int


@strawberry.type(description="A hall display token; the raw value is shown only once.")
class DisplayToken(api.ModelNode):
    __model__ = models.DisplayToken
    __permission__ = "counter.manage"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    label: str
    revoked: bool
    created_at: dt.datetime


@strawberry.type(description="Tickets waiting for one service.")
class ServiceWaiting:
    service_id: strawberry.ID
    name: str
    prefix: str
    waiting: int


@strawberry.type(description="A call the hall display lists: which number goes to which counter.")
class DisplayCall:
    ticket_number: str
    counter_name: str | None
    called_at: dt.datetime | None


@strawberry.type(description="What the hall display shows: the last call and the waiting counts.")
class HallDisplayUpdate:
    kind: str = strawberry.field(
        description=(
            "snapshot, issued, called, no_show, service_started, finished, transferred,"
            " cancelled; revoked (the display token was revoked: the stream ends)"
        )
    )
    ticket_number: str | None
    counter_name: str | None
    service_id: strawberry.ID | None
    waiting: list[ServiceWaiting]
    recent: list[DisplayCall] = strawberry.field(
        description="The last calls, newest first (display_recent_calls, default 5): a recall"
        " moves its number to the top."
    )
    chime: bool = strawberry.field(
        description="Play the chime: a number was just called or recalled."
    )


@strawberry.type(description="Counts and times (minutes) for one group of tickets.")
class CounterStatisticsRow:
    key: str
    label: str
    day: dt.date | None
    service_id: strawberry.ID | None
    counter_id: strawberry.ID | None
    clerk_user_id: strawberry.ID | None = strawberry.field(
        description="byClerk rows: the clerk's User (rows are per user; label is the latest e-mail)"
    )
    hour: int | None = strawberry.field(description="byHour rows: the site-local hour (0-23).")
    tickets: int
    served: int
    no_shows: int
    wait_mean: float | None
    wait_p90: float | None
    service_mean: float | None
    service_p90: float | None
    within_target_share: float | None


@strawberry.type(description="Appointments whose slot falls in the range, by outcome.")
class AppointmentStatistics:
    booked: int = strawberry.field(description="Not cancelled (checked in, missed or ahead).")
    checked_in: int
    no_shows: int = strawberry.field(
        description="Booked, never checked in, the slot and its grace period over."
    )
    pending: int = strawberry.field(description="Booked, the slot still ahead.")
    cancelled: int
    no_show_rate: float | None = strawberry.field(
        description="noShows / (checkedIn + noShows); null when none was due."
    )


@strawberry.type(description="One service on one day: walk-ins and appointments against quotas.")
class ServiceDayQuota:
    service_id: strawberry.ID
    label: str
    day: dt.date
    walk_ins: int
    walk_in_quota: int | None
    appointments: int
    appointment_quota: int | None


@strawberry.type(description="Statistics per day, service, counter and clerk, and in total.")
class CounterStatistics:
    by_day: list[CounterStatisticsRow]
    by_service: list[CounterStatisticsRow]
    by_counter: list[CounterStatisticsRow]
    by_clerk: list[CounterStatisticsRow]
    total: CounterStatisticsRow
    by_hour: list[CounterStatisticsRow] = strawberry.field(
        description="The load by site-local hour of issue (hours without tickets left out)."
    )
    appointments: AppointmentStatistics
    quotas: list[ServiceDayQuota] = strawberry.field(
        description="Walk-in tickets and appointments per service and day, with the quotas."
    )


CounterError = api.office_errors(
    "Counter",
    "QUEUE_EMPTY",
    "COUNTER_BUSY",
    "INVALID_TRANSITION",
    "SERVICE_CLOSED",
    "SLOT_UNAVAILABLE",
    "SLOT_IN_PAST",
    "TOO_EARLY",
    "TOO_LATE",
    "OUTSIDE_WINDOW",
    "BOOKING_LIMIT",
    "QUOTA_REACHED",
    "OFF_DUTY",
)
