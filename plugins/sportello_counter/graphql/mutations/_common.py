"""What the counter mutations share: the payloads."""

from __future__ import annotations

import strawberry

from sportello_counter.graphql.types import (
    Appointment,
    Counter,
    CounterError,
    CounterService,
    DisplayToken,
    QueueTicket,
)


@strawberry.type
class TicketPayload:
    ticket: QueueTicket | None = None
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class CallNextPayload:
    ticket: QueueTicket | None = None
    counter: Counter | None = None
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class CounterServicePayload:
    counter_service: CounterService | None = None
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class CounterPayload:
    counter: Counter | None = None
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class AppointmentPayload:
    appointment: Appointment | None = None
    ticket: QueueTicket | None = None
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]


@strawberry.type
class DisplayTokenPayload:
    display_token: DisplayToken | None = None
    token: str | None = strawberry.field(default=None, description="Shown once: keep it.")
    errors: list[CounterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
