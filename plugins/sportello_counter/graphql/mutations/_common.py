"""The payloads the counter mutations share (their names are part of the schema)."""

from __future__ import annotations

from types import GenericAlias

import strawberry

from sportello import api
from sportello_counter.graphql.types import (
    Appointment,
    Counter,
    CounterError,
    CounterService,
    DisplayToken,
    QueueTicket,
)

TicketPayload = api.payload(errors=CounterError, name="TicketPayload", ticket=QueueTicket)
CallNextPayload = api.payload(
    errors=CounterError, name="CallNextPayload", ticket=QueueTicket, counter=Counter
)
CounterServicePayload = api.payload(CounterService, errors=CounterError)
CounterPayload = api.payload(Counter, errors=CounterError)
AppointmentPayload = api.payload(Appointment, errors=CounterError, ticket=QueueTicket)


# Written out for the description of `token` (`api.payload` gives fields none). The two
# class attributes are what `api.mutation` reads on a payload `api.payload` makes: the object
# field and the error type. CounterError is built at run time: its list is spelt out.
@strawberry.type
class DisplayTokenPayload:
    display_token: DisplayToken | None = None
    token: str | None = strawberry.field(default=None, description="Shown once: keep it.")
    errors: list[api.UserError] = strawberry.field(
        default_factory=list, graphql_type=GenericAlias(list, (CounterError,))
    )

    __sportello_object__ = "display_token"
    __sportello_error__ = CounterError
