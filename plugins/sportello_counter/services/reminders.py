"""What the citizen hears of their appointment: a confirmation when it is booked or moved, and a
reminder ``reminder_hours`` before the slot (setting ``[modules.counter]``), by email and text
message to the person's primary address. Queued in the booking's transaction; the reminder
waits in the notifications queue and is withdrawn when the appointment is cancelled, moved or
checked in.
"""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_counter import models as m
from sportello_counter.services import _common

PARAMS = ("name", "service", "office", "day", "time", "code")
APPOINTMENT_BOOKED = api.NotificationKind(
    name="counter.appointment_booked",
    title="Appointment confirmation",
    audience="requested",
    channels=("email", "sms"),
    params=PARAMS,
    description="Sent when an appointment is booked or moved to another slot.",
)
APPOINTMENT_REMINDER = api.NotificationKind(
    name="counter.appointment_reminder",
    title="Appointment reminder",
    audience="requested",
    channels=("email", "sms"),
    params=PARAMS,
    description="Sent ahead of the slot (reminder_hours, default 24) unless cancelled or moved.",
)
TURN_NEAR = api.NotificationKind(
    name="counter.turn_near",
    title="Your turn is near",
    audience="requested",
    channels=("email", "sms"),
    params=("name", "ticket", "service", "office", "ahead"),
    description="Sent once to an appointment's citizen when few tickets are left ahead of theirs.",
)
KINDS = [APPOINTMENT_BOOKED, APPOINTMENT_REMINDER, TURN_NEAR]


def _reminder_key(appt: m.Appointment) -> str:
    return f"counter.appointment:{appt.id}:reminder"


async def _params(appt: m.Appointment) -> dict[str, str]:
    service = await m.CounterService.get(id=appt.service_id)
    site = await api.SiteModel.get(id=appt.site_id)
    local = appt.slot_at.astimezone(api.zone(site.timezone))
    return {
        "name": appt.party_name,
        "service": service.name,
        "office": site.name,
        "day": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "code": appt.code,
    }


async def booked(appt: m.Appointment) -> None:
    """The confirmation now and the reminder later (none when the slot is already that close)."""
    if appt.party_id is None:
        return  # nobody to write to: the desk took a name only
    params = await _params(appt)
    await api.notify(
        APPOINTMENT_BOOKED.name, party_ids=[appt.party_id], site_id=appt.site_id, params=params
    )
    remind_at = appt.slot_at - dt.timedelta(hours=_common.settings().reminder_hours)
    if remind_at > _common.now():
        await api.notify(
            APPOINTMENT_REMINDER.name,
            party_ids=[appt.party_id],
            site_id=appt.site_id,
            params=params,
            not_before=remind_at,
            key=_reminder_key(appt),
        )


async def withdrawn(appt: m.Appointment) -> None:
    """The appointment was cancelled, moved or checked in: its pending reminder goes."""
    await api.notify_cancel(_reminder_key(appt))


async def turn_near_for(ticket: m.Ticket, ahead: int) -> None:
    """The ticket's citizen (an appointment's, with a party) hears their turn is near."""
    appt = await m.Appointment.filter(id=ticket.appointment_id).first()
    if appt is None or appt.party_id is None:
        return
    service = await m.CounterService.get(id=ticket.service_id)
    site = await api.SiteModel.get(id=ticket.site_id)
    await api.notify(
        TURN_NEAR.name,
        party_ids=[appt.party_id],
        site_id=ticket.site_id,
        params={
            "name": appt.party_name,
            "ticket": ticket.code,
            "service": service.name,
            "office": site.name,
            "ahead": str(ahead),
        },
        key=f"counter.ticket:{ticket.id}:near",
    )
