from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id, decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.parties import models, services
from sportello.parties.graphql.types import PartyError, Site


@strawberry.input(description="Fields left out (or null) stay as they are; the code never changes.")
class SiteUpdateInput:
    id: strawberry.ID
    name: str | None = None
    kind: str | None = None
    address: str | None = None
    timezone: str | None = strawberry.field(default=None, description="An IANA time zone name.")
    organisation_id: strawberry.ID | None = None


SiteUpdatePayload = payload(Site, errors=PartyError, name="SiteUpdatePayload")


@mutation("sites.manage", SiteUpdatePayload)
async def site_update(info: strawberry.Info, input: SiteUpdateInput) -> models.Site:
    return await services.update_site(
        info.context.actor,
        decode_id(input.id, "Site", "id"),
        name=input.name,
        kind=input.kind,
        address=input.address,
        timezone=input.timezone,
        organisation_id=decode_optional(input.organisation_id, "Party", "organisationId"),
    )
