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


def _staff_name(root: models.Counter) -> str | None:
    name: str | None = api.follow(root, "staff.display_name")
    return name


@strawberry.type(description="A desk where a clerk serves some services.")
class Counter(api.ModelNode):
    __model__ = models.Counter
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "services": api.needs("service_ids", batch=load_counter_services),
        "staff_name": api.needs("staff.display_name"),
    }

    id: relay.NodeID[int]
    name: str
    active: bool
    staff_user_id: int | None
    services: list[CounterService] = strawberry.field(resolver=_services)
    staff_name: str | None = strawberry.field(
        resolver=_staff_name, description="The staff member at the desk."
    )


def _code(root: models.Ticket) -> str:
    return root.code


def _sequence(root: models.Ticket) -> int:
    return root.number


def _ticket_kind() -> str:
    return "ticket"


def _ticket_party_name(root: models.Ticket) -> str | None:
    return services.ticket_party_name(root.party_name, root.code)


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
    outcome: str
    resolved: bool | None
    transfers: int
    status: TicketStatus
    priority: TicketPriority
    service: CounterService
    counter: Counter | None
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
    party_name: str | None = strawberry.field(resolver=_ticket_party_name)
    expected_at: dt.datetime | None = strawberry.field(resolver=_ticket_expected_at)
    arrived_at: dt.datetime | None = strawberry.field(resolver=_ticket_arrived_at)
    arrival_status: str = strawberry.field(
        resolver=_ticket_arrival_status, description="waiting, called, in_service, left, no_show"
    )


def _appointment_kind() -> str:
    return "appointment"


def _appointment_party_name(root: models.Appointment) -> str | None:
    return root.party_name


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
        "party_name": api.needs("party_name"),
        "expected_at": api.needs("slot_at"),
        "arrived_at": api.needs("checked_in_at"),
        "arrival_status": api.needs("status"),
    }

    id: relay.NodeID[int]
    code: str
    slot_at: dt.datetime
    checked_in_at: dt.datetime | None
    created_at: dt.datetime
    status: AppointmentStatus
    service: CounterService

    # Arrival (reception)
    arrival_kind: str = strawberry.field(resolver=_appointment_kind, description="appointment")
    party_name: str | None = strawberry.field(resolver=_appointment_party_name)
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
    tickets: int
    served: int
    no_shows: int
    wait_mean: float | None
    wait_p90: float | None
    service_mean: float | None
    service_p90: float | None
    within_target_share: float | None


@strawberry.type(description="Statistics per day, service, counter and clerk, and in total.")
class CounterStatistics:
    by_day: list[CounterStatisticsRow]
    by_service: list[CounterStatisticsRow]
    by_counter: list[CounterStatisticsRow]
    by_clerk: list[CounterStatisticsRow]
    total: CounterStatisticsRow


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
    "OFF_DUTY",
)
