"""Where a sales document belongs: its site and the organisation that issues it.

An organisation (a party of kind organisation) keeps its own ledger and numbers its own
documents; a site names the organisation it belongs to. A document made at a site belongs to
the site's organisation; one may name its organisation instead (an installation with several,
and no site to say which). Naming both, they must agree. A user bound to some sites makes
documents only for those sites and their organisations (FORBIDDEN otherwise). A document
naming neither belongs to the whole installation: accounting posts it into the only ledger.
Credit notes, invoices of an order, payments and refunds follow the document they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sportello import api


@dataclass(frozen=True)
class Placement:
    site_id: int | None = None
    organisation_id: int | None = None

    def columns(self) -> dict[str, Any]:
        return {"site_id": self.site_id, "organisation_id": self.organisation_id}


NOWHERE = Placement()


def of(document: object) -> Placement:
    """The placement a document (invoice, order, payment) already has."""
    return Placement(getattr(document, "site_id", None), getattr(document, "organisation_id", None))


async def _organisations_of(actor: api.Actor) -> set[int] | None:
    """The organisations a site-bound user works for (None: any)."""
    if actor.site_ids is None or actor.is_superuser:
        return None
    found = await api.SiteModel.filter(
        id__in=list(actor.site_ids), organisation_id__not_isnull=True
    ).values_list("organisation_id", flat=True)
    return {int(str(o)) for o in found}


async def resolve(
    actor: api.Actor,
    site_id: int | None,
    organisation_id: int | None,
    *,
    site_field: str = "siteId",
    organisation_field: str = "organisationId",
) -> Placement:
    """The checked placement of a new document (nothing written)."""
    site_org: int | None = None
    if site_id is not None:
        site = await api.SiteModel.filter(id=site_id).first()
        if site is None:
            raise api.ServiceError("NOT_FOUND", "core.not_found", site_field)
        api.require_site(actor, site_id, site_field)
        site_org = site.organisation_id
    if organisation_id is None:
        return Placement(site_id, site_org)
    if site_org is not None and organisation_id != site_org:
        raise api.ServiceError("INVALID", "sales.organisation_not_of_site", organisation_field)
    party = await api.PartyModel.filter(id=organisation_id).first()
    if party is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", organisation_field)
    if party.merged_into_id is not None:  # its documents and numbering went to the survivor
        raise api.ServiceError("NOT_FOUND", "parties.merged", organisation_field)
    if party.kind != "organisation":
        raise api.ServiceError(
            "NOT_AN_ORGANISATION", "sales.not_an_organisation", organisation_field
        )
    allowed = await _organisations_of(actor)
    if site_org is None and allowed is not None and organisation_id not in allowed:
        raise api.ServiceError("FORBIDDEN", "sales.organisation_forbidden", organisation_field)
    return Placement(site_id, organisation_id)


async def lock_parties(party_id: int, where: Placement) -> None:
    """Inside the writing transaction: the document's party and its organisation row-locked
    and live (neither erased nor merged away), in id order. A merge of either waits for the
    document, which it then moves, or the document is refused (``parties.merged``): a merged
    organisation never gets a document, nor a second numbering, after its merge. The
    organisation's lock is shared: documents of one organisation never queue on it."""
    org = where.organisation_id
    for pk in sorted({party_id} | ({org} if org is not None else set())):
        if pk == party_id:
            await api.lock_live_party(pk, "partyId")
        else:
            await api.lock_live_party(pk, "organisationId", shared=True)
