"""A company lobby at site HQ with hosts and visitors (idempotent)."""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_visitors import models as m

HOSTS = ("Giulia Bianchi", "Marco Rossi")
#: (visitor, company, purpose, index of the host in HOSTS)
VISITORS = (
    ("Anna Schmidt", "Schmidt GmbH", "Contract review", 0),
    ("Nikos Papadopoulos", "Aegean Logistics", "Delivery planning", 1),
    ("Carmen García", "Iberia Consulting", "Audit", 0),
)


async def load(runtime: api.RuntimeView | None = None) -> None:
    site, _ = await api.SiteModel.get_or_create(
        code="HQ", defaults={"name": "Company headquarters", "kind": "office"}
    )
    if await m.Visit.filter(site_id=site.id).exists():
        return
    hosts: list[api.PartyModel] = []
    for host_name in HOSTS:
        given, _, family = host_name.partition(" ")
        host = await api.PartyModel.filter(display_name=host_name).first()
        if host is None:
            host = await api.PartyModel.create(
                display_name=host_name, given_name=given, family_name=family
            )
        await api.link_party_to_site(host.id, site.id)  # an employee at this site
        hosts.append(host)
    today = dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for n, (name, company, purpose, host_index) in enumerate(VISITORS):
        visit = await m.Visit.create(
            site_id=site.id,
            host_id=hosts[host_index].id,
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
