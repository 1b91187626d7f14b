"""A municipal office at the demo site TOWNHALL: services, counters, a day of tickets and
appointments. Idempotent: skipped once the site has services."""

from __future__ import annotations

import datetime as dt
import secrets

from sportello import api
from sportello_counter import models as m
from sportello_counter import services
from sportello_counter.services.appointments import CODE_ALPHABET, _slots
from sportello_counter.services.tickets import ticket_code

WEEKDAYS = {str(d): [["08:30", "12:30"]] for d in range(5)}
AFTERNOONS = {**WEEKDAYS, "1": [["08:30", "12:30"], ["14:30", "16:30"]]}
AFTERNOONS["3"] = AFTERNOONS["1"]

SERVICES = [
    ("A", "Anagrafe (registry office)", AFTERNOONS, 10, 15),
    ("T", "Tributi - TARI (waste tax)", WEEKDAYS, 15, 20),
    ("C", "Stato civile (civil status)", WEEKDAYS, 20, 30),
    ("P", "Protocollo (filing)", AFTERNOONS, 5, 10),
]
#: Counters and the prefixes of the services each serves.
COUNTERS = [("Sportello 1", "AC"), ("Sportello 2", "AT"), ("Sportello 3", "TP")]
PEOPLE = [
    "Giulia Rossi",
    "Marco Bianchi",
    "Francesca Romano",
    "Alessandro Colombo",
    "Chiara Ricci",
    "Lorenzo Marino",
    "Sara Greco",
    "Matteo Bruno",
]


def _closed_days(year: int) -> list[str]:
    return [dt.date(year, mo, d).isoformat() for mo, d in ((1, 1), (8, 15), (12, 25), (12, 26))]


async def load() -> None:
    site, _ = await api.SiteModel.get_or_create(
        code="TOWNHALL",
        defaults={"name": "Comune - Sportello al cittadino", "kind": "office"},
    )
    if await m.CounterService.filter(site_id=site.id).exists():
        return
    # The site's local day and hours: numbering and "today" are site-local.
    now = services.now().astimezone(api.zone(site.timezone))
    day = now.date()
    year = day.year
    by_prefix: dict[str, m.CounterService] = {}
    for prefix, name, hours, minutes, target in SERVICES:
        by_prefix[prefix] = await m.CounterService.create(
            site_id=site.id,
            name=name,
            prefix=prefix,
            opening_hours=hours,
            closed_days=_closed_days(year) + _closed_days(year + 1),
            service_minutes=minutes,
            target_wait_minutes=target,
            # Citizens book the registry office and the waste tax online; the waste tax
            # takes twelve appointments a day, civil status forty walk-ins.
            public_booking=prefix in "AT",
            daily_appointment_quota=12 if prefix == "T" else None,
            daily_walk_in_quota=40 if prefix == "C" else None,
        )
    counters = [
        await m.Counter.create(
            site_id=site.id, name=name, service_ids=[by_prefix[p].id for p in prefixes]
        )
        for name, prefixes in COUNTERS
    ]
    # The morning so far: tickets issued over the last hour and three quarters, called, served
    # or waiting, every time in the past (a day loaded just after midnight is squeezed into
    # the minutes since then, still in the past and still in order).
    plan = "ATACPATAATPCAT"
    span = len(plan) * 7 + 5  # minutes back from now to the first ticket
    since_midnight = (now - now.replace(hour=0, minute=0, second=0, microsecond=0)).total_seconds()
    scale = min(1.0, since_midnight / 60 / (span + 1))

    def ago(minutes: float) -> dt.datetime:
        return (now - dt.timedelta(minutes=minutes * scale)).replace(microsecond=0)

    numbers: dict[str, int] = {}
    for n, prefix in enumerate(plan):
        service = by_prefix[prefix]
        numbers[prefix] = numbers.get(prefix, 0) + 1
        back = span - 7 * n  # minutes before now the ticket was issued
        counter = next(c for c in counters if service.id in c.service_ids)
        status = (
            [m.DONE, m.DONE, m.NO_SHOW, m.DONE, m.IN_SERVICE, m.CALLED][n] if n < 6 else m.WAITING
        )
        waited = 6 + n  # minutes from issue to call
        called = ago(back - waited) if status != m.WAITING else None
        started = ago(back - waited - 1) if status in (m.DONE, m.IN_SERVICE) else None
        finished = None
        if status == m.DONE:
            finished = ago(back - waited - 1 - min(service.service_minutes, back - waited - 2))
        elif status == m.NO_SHOW:
            finished = ago(back - waited - 2)
        await m.Ticket.create(
            site_id=site.id,
            service_id=service.id,
            numbered_service_id=service.id,
            day=day,
            number=numbers[prefix],
            code=ticket_code(prefix, numbers[prefix]),
            priority=m.PRIORITY if n == 7 else m.NORMAL,
            priority_reason="elderly" if n == 7 else None,
            issued_at=ago(back),
            status=status,
            counter_id=counter.id if called else None,
            clerk_label="demo.clerk@townhall.example" if called else "",
            called_at=called,
            service_started_at=started,
            finished_at=finished,
            outcome="Certificate issued" if status == m.DONE else "",
            resolved=True if status == m.DONE else None,
        )
    for prefix, last in numbers.items():
        await m.TicketSequence.create(service_id=by_prefix[prefix].id, day=day, last_number=last)
    # Appointments in the coming free slots of the registry office and the waste tax (today's
    # afternoon or the next open days), and last week's: kept, missed and cancelled ones.
    people = iter(PEOPLE)
    for prefix in "AT":
        service = by_prefix[prefix]
        free: list[dt.datetime] = []
        for ahead in range(14):
            if len(free) >= 4:
                break
            slots = await _slots(service, site, day + dt.timedelta(days=ahead))
            free += [slot.start for slot in slots if slot.available][::3][: 4 - len(free)]
        for n, when in enumerate(free):
            person = next(people)
            online = n % 2 == 0  # every other one booked by the citizen online
            await m.Appointment.create(
                site_id=site.id,
                service_id=service.id,
                party_name=person,
                code=_code(),
                slot_at=when,
                channel="online" if online else "desk",
                contact_email=f"{person.lower().replace(' ', '.')}@example.org" if online else "",
            )
    past = [
        slot.start
        for back in range(1, 15)
        for slot in await _slots(by_prefix["A"], site, day - dt.timedelta(days=back))
    ][::4][:6]
    for n, when in enumerate(past):
        status = (m.CHECKED_IN, m.CHECKED_IN, m.BOOKED, m.CHECKED_IN, m.APPOINTMENT_CANCELLED)[
            n % 5
        ]
        await m.Appointment.create(
            site_id=site.id,
            service_id=by_prefix["A"].id,
            party_name=PEOPLE[n],
            code=_code(),
            slot_at=when,
            status=status,
            checked_in_at=when - dt.timedelta(minutes=3) if status == m.CHECKED_IN else None,
        )


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
