"""Export and erasure must cover every personal column of the office: one module to review
against the models when a column is added."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_counter import models as m

#: Why the counter keeps anonymised rows after an erasure.
STATISTICS = "Anonymous service statistics: times and outcomes without the person"


async def party_data(party_id: int) -> dict[str, Any]:
    """The party's appointments (linked by ``party``) and the tickets they were served with."""
    appts = await m.Appointment.filter(party_id=party_id).order_by("slot_at", "id")
    services = {
        s.id: s.name for s in await m.CounterService.filter(id__in={a.service_id for a in appts})
    }
    tickets = await m.Ticket.filter(appointment_id__in=[a.id for a in appts]).order_by("id")
    return {
        "appointments": [
            {
                "id": a.id,
                "code": a.code,
                "service": services.get(a.service_id, ""),
                "party_name": a.party_name,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "channel": a.channel,
                "slot_at": a.slot_at.isoformat(),
                "status": a.status,
                "checked_in_at": a.checked_in_at.isoformat() if a.checked_in_at else None,
            }
            for a in appts
        ],
        "tickets": [
            {
                "appointment_id": t.appointment_id,
                "number": t.code,
                "day": t.day.isoformat(),
                "party_name": t.party_name,
                "status": t.status,
                "issued_at": t.issued_at.isoformat(),
                "called_at": t.called_at.isoformat() if t.called_at else None,
                "finished_at": t.finished_at.isoformat() if t.finished_at else None,
                "outcome": t.outcome,
                "resolved": t.resolved,
            }
            for t in tickets
        ],
    }


async def party_erase(party_id: int) -> api.ErasureReport:
    """Anonymise in place (runs in the caller's transaction).

    The party's name and contact (email, phone) go from its appointments, the name from the
    tickets issued for them, and so does the free-text outcome of those tickets. Slots,
    statuses and times stay: statistics are about the service, not the person.
    """
    erased: set[str] = set()
    async with api.atomic():
        appt_ids = await m.Appointment.filter(party_id=party_id).values_list("id", flat=True)
        if appt_ids:
            await m.Appointment.filter(id__in=appt_ids).update(party_name=api.ERASED)
            erased.add("counter_appointment.party_name")
            contacts = m.Appointment.filter(id__in=appt_ids)
            if await contacts.filter(contact_email__not="").update(contact_email=""):
                erased.add("counter_appointment.contact_email")
            if await contacts.filter(contact_phone__not="").update(contact_phone=""):
                erased.add("counter_appointment.contact_phone")
            tickets = m.Ticket.filter(appointment_id__in=list(appt_ids))
            if await tickets.update(party_name=api.ERASED):
                erased.add("counter_ticket.party_name")
            if await tickets.exclude(outcome="").update(outcome=""):
                erased.add("counter_ticket.outcome")
    return api.ErasureReport(
        "counter",
        erased=tuple(sorted(erased)),
        retained={
            "counter_appointment.slot_at": STATISTICS,
            "counter_ticket.issued_at": STATISTICS,
            "counter_ticket.resolved": STATISTICS,
        },
    )
