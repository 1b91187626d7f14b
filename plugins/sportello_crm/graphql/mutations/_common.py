"""The payloads the CRM mutations share (their names are part of the schema)."""

from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm.graphql.types import Case, CrmError, Interaction
from sportello_crm.services import _common as c

CasePayload = api.payload(Case, errors=CrmError)
InteractionPayload = api.payload(Interaction, errors=CrmError)


async def site_of(info: strawberry.Info, site_id: strawberry.ID | None) -> int:
    if site_id is not None:
        return api.decode_id(site_id, "Site", "siteId")
    return await c.default_site(info.context.actor)
