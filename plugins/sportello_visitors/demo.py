"""A company lobby at site HQ with hosts and visitors (idempotent)."""

from __future__ import annotations

import datetime as dt

from sportello.parties.models import Party, Site
from sportello_visitors import models as m

HOSTS = ("Giulia Bianchi", "Marco Rossi")
VISITORS = (
    ("Anna Schmidt", "Schmidt GmbH", "Contract review", 0),
    ("Nikos Papadopoulos", "Aegean Logistics", "Delivery planning", 1),
    ("Carmen García", "Iberia Consulting", "Audit", 0),
)


async def load() -> None:
    site, _ = await Site.get_or_create(
        code="HQ", defaults={"name": "Company headquarters", "kind": "office"}
    )
    if await m.Visit.filter(site_id=site.id).exists():
        return
    hosts = []
    for name in HOSTS:
        given, _, family = name.partition(" ")
        host = await Party.filter(display_name=name).first()
        if host is None:
            host = await Party.create(display_name=name, given_name=given, family_name=family)
        hosts.append(host)
    today = dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for n, (name, company, purpose, host) in enumerate(VISITORS):
        visit = await m.Visit.create(
            site_id=site.id,
            host_id=hosts[host].id,
            visitor_name=name,
            company=company,
            purpose=purpose,
            expected_at=today + dt.timedelta(hours=n),
        )
        if n == 0:
            visit.status = m.CHECKED_IN
            visit.badge_number = "V-01"
            visit.checked_in_at = today + dt.timedelta(minutes=5)
            await visit.save()
