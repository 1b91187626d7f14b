from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.loading import follow, needs
from sportello.graphql.relay import ModelNode
from sportello_counter import models
from sportello_counter.services.reads import appointment_arrival_status, ticket_arrival_status
from sportello_reception.graphql.types import Arrival


@strawberry.enum
class TicketPriority(enum.Enum):
    NORMAL = "normal"
    PRIORITY = "priority"


@strawberry.enum
class PriorityReason(enum.Enum):
    PREGNANT = "pregnant"
    DISABLED = "disabled"
    ELDERLY = "elderly"


@strawberry.enum
class TicketStatus(enum.Enum):
    WAITING = "waiting"
    CALLED = "called"
    IN_SERVICE = "in_service"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


@strawberry.enum
class AppointmentStatus(enum.Enum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"


@strawberry.type(description="A service offered at a site, with its ticket prefix and hours.")
class CounterService(ModelNode):
    __model__ = models.CounterService
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {"closed_days": needs("closed_days")}

    id: relay.NodeID[int]
    name: str
    prefix: str
    opening_hours: JSON = strawberry.field(
        description='Weekday (0 = Monday) to [start, end] local times: {"0": [["08:30", "12:30"]]}'
    )
    service_minutes: int
    target_wait_minutes: int
    active: bool

    @strawberry.field
    def closed_days(self) -> list[dt.date]:
        return [dt.date.fromisoformat(d) for d in self.closed_days]  # type: ignore[attr-defined]


async def load_counter_services(counters: list[Any]) -> None:
    """The services of a page of counters, in one query."""
    wanted = {i for c in counters for i in c.service_ids}
    found = {s.id: s for s in await models.CounterService.filter(id__in=wanted)}
    for counter in counters:
        counter.services_loaded = [found[i] for i in counter.service_ids if i in found]


async def _services_of(counter: Any) -> list[Any]:
    await load_counter_services([counter])
    return counter.services_loaded  # type: ignore[no-any-return]


@strawberry.type(description="A desk where a clerk serves some services.")
class Counter(ModelNode):
    __model__ = models.Counter
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "services": needs("service_ids", batch=load_counter_services),
        "staff_name": needs("staff.display_name"),
    }

    id: relay.NodeID[int]
    name: str
    active: bool
    staff_user_id: int | None

    @strawberry.field
    def services(self) -> list[CounterService]:
        loaded = getattr(self, "services_loaded", None)
        return _services_of(self) if loaded is None else loaded  # type: ignore[return-value]

    @strawberry.field(description="The staff member at the desk.")
    def staff_name(self) -> str | None:
        return follow(self, "staff.display_name")  # type: ignore[no-any-return]


@strawberry.type(description="A queue ticket (walk-in or checked-in appointment).")
class QueueTicket(ModelNode, Arrival):
    __model__ = models.Ticket
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "number": needs("code"),
        "sequence": needs("number"),
        "arrival_kind": needs(),
        "party_name": needs("party_name", "code"),
        "expected_at": needs("slot_at", "issued_at"),
        "arrived_at": needs("issued_at"),
        "arrival_status": needs("status"),
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

    @strawberry.field(description="The printed code, e.g. A001.")
    def number(self) -> str:
        return self.code  # type: ignore[attr-defined]

    @strawberry.field(description="The position in its service's daily sequence.")
    def sequence(self) -> int:
        return self.number  # type: ignore[return-value]

    # Arrival (reception)
    @strawberry.field(description="ticket")
    def arrival_kind(self) -> str:
        return "ticket"

    @strawberry.field
    def party_name(self) -> str | None:
        return self.party_name or self.code  # type: ignore[attr-defined]

    @strawberry.field
    def expected_at(self) -> dt.datetime | None:
        return self.slot_at or self.issued_at  # type: ignore[attr-defined]

    @strawberry.field
    def arrived_at(self) -> dt.datetime | None:
        return self.issued_at

    @strawberry.field(description="waiting, called, in_service, left, no_show")
    def arrival_status(self) -> str:
        return ticket_arrival_status(self.status)  # type: ignore[arg-type]


@strawberry.type(description="A booked slot for a service.")
class Appointment(ModelNode, Arrival):
    __model__ = models.Appointment
    __permission__ = "counter.view"
    __site_field__ = "site_id"
    __needs__ = {
        "arrival_kind": needs(),
        "party_name": needs("party_name"),
        "expected_at": needs("slot_at"),
        "arrived_at": needs("checked_in_at"),
        "arrival_status": needs("status"),
    }

    id: relay.NodeID[int]
    code: str
    slot_at: dt.datetime
    checked_in_at: dt.datetime | None
    created_at: dt.datetime
    status: AppointmentStatus
    service: CounterService

    # Arrival (reception)
    @strawberry.field(description="appointment")
    def arrival_kind(self) -> str:
        return "appointment"

    @strawberry.field
    def party_name(self) -> str | None:
        return self.party_name  # type: ignore[return-value]

    @strawberry.field
    def expected_at(self) -> dt.datetime | None:
        return self.slot_at

    @strawberry.field
    def arrived_at(self) -> dt.datetime | None:
        return self.checked_in_at

    @strawberry.field(description="expected, arrived, cancelled")
    def arrival_status(self) -> str:
        return appointment_arrival_status(self.status)  # type: ignore[arg-type]


@strawberry.type(description="A bookable slot.")
class AppointmentSlot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    booked: int
    available: int


@strawberry.type(description="A hall display token; the raw value is shown only once.")
class DisplayToken(ModelNode):
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


CounterErrorCode = error_codes(
    "CounterErrorCode",
    "QUEUE_EMPTY",
    "COUNTER_BUSY",
    "INVALID_TRANSITION",
    "SERVICE_CLOSED",
    "SLOT_UNAVAILABLE",
    "SLOT_IN_PAST",
    "TOO_EARLY",
    "TOO_LATE",
)
CounterError = error_type("CounterError", CounterErrorCode)
