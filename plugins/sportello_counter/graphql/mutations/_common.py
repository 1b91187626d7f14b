"""The payloads the counter mutations share (their names are part of the schema)."""

from __future__ import annotations

from sportello import api
from sportello_counter.graphql.public import PublicAppointment
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
DisplayTokenPayload = api.payload(
    DisplayToken,
    errors=CounterError,
    token=str,
    descriptions={"token": "Shown once: keep it."},
)
PublicAppointmentPayload = api.payload(PublicAppointment, errors=CounterError)
