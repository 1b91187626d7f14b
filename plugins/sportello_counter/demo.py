"""A municipal office at the demo site TOWNHALL: services, counters, a day of tickets and
appointments. Idempotent: skipped once the site has services."""

from __future__ import annotations

import datetime as dt
import secrets

from sportello import api
from sportello_counter import models as m
from sportello_counter import services
from sportello_counter.services.appointments import CODE_ALPHABET
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
        )
    counters = [
        await m.Counter.create(
            site_id=site.id, name=name, service_ids=[by_prefix[p].id for p in prefixes]
        )
        for name, prefixes in COUNTERS
    ]
    # A morning of tickets: served, no-show, being served, waiting.
    start = now.replace(hour=7, minute=30, second=0, microsecond=0)
    numbers: dict[str, int] = {}
    plan = "ATACPATAATPCAT"
    for n, prefix in enumerate(plan):
        service = by_prefix[prefix]
        numbers[prefix] = numbers.get(prefix, 0) + 1
        issued = start + dt.timedelta(minutes=7 * n)
        counter = next(c for c in counters if service.id in c.service_ids)
        status = (
            [m.DONE, m.DONE, m.NO_SHOW, m.DONE, m.IN_SERVICE, m.CALLED][n] if n < 6 else m.WAITING
        )
        called = issued + dt.timedelta(minutes=6 + n) if status != m.WAITING else None
        started = (
            called + dt.timedelta(minutes=1)
            if called and status in (m.DONE, m.IN_SERVICE)
            else None
        )
        await m.Ticket.create(
            site_id=site.id,
            service_id=service.id,
            numbered_service_id=service.id,
            day=day,
            number=numbers[prefix],
            code=ticket_code(prefix, numbers[prefix]),
            priority=m.PRIORITY if n == 7 else m.NORMAL,
            priority_reason="elderly" if n == 7 else None,
            issued_at=issued,
            status=status,
            counter_id=counter.id if called else None,
            clerk_label="demo.clerk@townhall.example" if called else "",
            called_at=called,
            service_started_at=started,
            finished_at=started + dt.timedelta(minutes=service.service_minutes)
            if status == m.DONE and started
            else (called + dt.timedelta(minutes=2) if status == m.NO_SHOW and called else None),
            outcome="Certificate issued" if status == m.DONE else "",
            resolved=True if status == m.DONE else None,
        )
    for prefix, last in numbers.items():
        await m.TicketSequence.create(service_id=by_prefix[prefix].id, day=day, last_number=last)
    # Appointments today and tomorrow, on the hour.
    for n, person in enumerate(PEOPLE):
        service = by_prefix["AT"[n % 2]]
        when = (now + dt.timedelta(days=n // 4)).replace(
            hour=9 + n % 4, minute=0, second=0, microsecond=0
        )
        await m.Appointment.create(
            site_id=site.id,
            service_id=service.id,
            party_name=person,
            code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)),
            slot_at=when,
        )
