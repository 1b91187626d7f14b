from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.parties import models, services
from sportello.parties.graphql.types import PartyError, Site


@strawberry.input
class SiteCreateInput:
    code: str
    name: str
    kind: str = "office"
    address: str = ""
    timezone: str = "Europe/Rome"
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="The organisation (a Party of kind ORGANISATION) it belongs to."
    )


SiteCreatePayload = payload(Site, errors=PartyError, name="SiteCreatePayload")


@mutation(
    "sites.manage",
    SiteCreatePayload,
    description="Create a site. Needs access to every site: a site-bound caller gets FORBIDDEN.",
)
async def site_create(info: strawberry.Info, input: SiteCreateInput) -> models.Site:
    return await services.create_site(
        info.context.actor,
        input.code,
        input.name,
        organisation_id=decode_optional(input.organisation_id, "Party", "organisationId"),
        kind=input.kind,
        address=input.address,
        timezone=input.timezone,
    )
