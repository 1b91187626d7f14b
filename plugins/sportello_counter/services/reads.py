"""What reception reads of the counter (its arrival lists) is a contract with another office:
its queries and how counter statuses read there live apart from the write rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello_counter import models as m
from sportello_counter.services._common import local_day_filter, today_filter
from sportello_counter.services.tickets import PRESENT

#: How ticket statuses read in reception's arrival lists (the others read as they are).
TICKET_ARRIVAL_STATUS = {m.DONE: "left"}
#: How appointment statuses read in reception's arrival lists (the others read as they are).
APPOINTMENT_ARRIVAL_STATUS = {m.BOOKED: "expected", m.CHECKED_IN: "arrived"}


async def arrivals_for_hook(site_ids: frozenset[int] | None, day: dt.date) -> list[Any]:
    """Walk-in tickets of the site-local ``day`` and appointments whose slot falls on it."""
    tickets = m.Ticket.filter(day=day, appointment_id=None)
    appts = m.Appointment.filter(await local_day_filter(site_ids, day, "slot_at")).exclude(
        status=m.APPOINTMENT_CANCELLED
    )
    if site_ids is not None:
        tickets = tickets.filter(site_id__in=list(site_ids))
    return [*await tickets, *await appts]


async def present_for_hook(site_ids: frozenset[int] | None) -> list[Any]:
    """Ticket holders in the hall: waiting, called or being served today (site-local)."""
    qs = m.Ticket.filter(await today_filter(site_ids), status__in=PRESENT)
    return list(await qs)


def ticket_arrival_status(status: str) -> str:
    return TICKET_ARRIVAL_STATUS.get(status, status)


def appointment_arrival_status(status: str) -> str:
    return APPOINTMENT_ARRIVAL_STATUS.get(status, status)


def ticket_party_name(party_name: str, code: str) -> str:
    """Who a ticket is for in reception's lists: the name given, else the printed code."""
    return party_name or code


def ticket_expected_at(slot_at: dt.datetime | None, issued_at: dt.datetime) -> dt.datetime:
    """When a ticket's holder is expected: a checked-in appointment's slot, else the issue time."""
    return slot_at or issued_at
