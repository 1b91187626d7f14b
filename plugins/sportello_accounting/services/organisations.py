"""Which organisation's ledger a request or an event works in.

Each organisation (a party of kind organisation) keeps its own ledger. The organisations
with a ledger are those the sites name and those that already hold a chart. A request that
names none works in the only one; with several, ORGANISATION_REQUIRED. A user bound to some
sites works only in the ledgers of their sites' organisations. An event posts into the
ledger of its document's site's organisation (or the only ledger, when the site names none).
"""

from __future__ import annotations

from sportello import api
from sportello_accounting.services._common import rows

FIELD = "organisationId"


async def _allowed(actor: api.Actor) -> set[int] | None:
    """The organisations a site-bound user works for (None: every one)."""
    if actor.site_ids is None or actor.is_superuser or actor.kind == "system":
        return None
    found = await api.SiteModel.filter(
        id__in=list(actor.site_ids), organisation_id__not_isnull=True
    ).values_list("organisation_id", flat=True)
    return {int(str(o)) for o in found}


async def ledger_organisations() -> set[int]:
    """Every organisation that has (or may have) a ledger: named by a site, or holding a chart."""
    named = await api.SiteModel.filter(organisation_id__not_isnull=True).values_list(
        "organisation_id", flat=True
    )
    charted = [
        r["organisation_id"]
        for r in await rows("SELECT DISTINCT organisation_id FROM accounting_account")
    ]
    return {int(str(o)) for o in (*named, *charted)}


async def resolve(actor: api.Actor, organisation_id: int | None, field: str = FIELD) -> int:
    """The organisation a request works in: the one named (an organisation the actor may work
    for), else the only one; ORGANISATION_REQUIRED when several (or none) could be meant."""
    allowed = await _allowed(actor)
    if organisation_id is not None:
        party = await api.PartyModel.filter(id=organisation_id).first()
        if party is None:
            raise api.ServiceError("NOT_FOUND", "core.not_found", field)
        if party.kind != "organisation":
            raise api.ServiceError("NOT_AN_ORGANISATION", "accounting.not_an_organisation", field)
        if allowed is not None and organisation_id not in allowed:
            raise api.ServiceError("FORBIDDEN", "accounting.organisation_forbidden", field)
        return organisation_id
    candidates = await ledger_organisations()
    if allowed is not None:
        candidates &= allowed
    if len(candidates) == 1:
        return candidates.pop()
    raise api.ServiceError("ORGANISATION_REQUIRED", "accounting.organisation_required", field)


async def of_site(site_id: int | None, field: str = "siteId") -> int:
    """The ledger an event of ``site_id`` posts into: the site's organisation, else the only
    ledger (a site that names no organisation, or a document with no site)."""
    if site_id is not None:
        site = await api.SiteModel.filter(id=site_id).values_list("organisation_id", flat=True)
        if site and site[0] is not None:
            return int(str(site[0]))
    return await resolve(api.SYSTEM, None, field)


async def check(actor: api.Actor, organisation_id: int, field: str = FIELD) -> None:
    """FORBIDDEN when a site-bound user works on another organisation's ledger."""
    allowed = await _allowed(actor)
    if allowed is not None and organisation_id not in allowed:
        raise api.ServiceError("FORBIDDEN", "accounting.organisation_forbidden", field)
