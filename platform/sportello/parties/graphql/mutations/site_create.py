from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_optional
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.types import PartyError, Site
from sportello.services import ServiceError


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


@strawberry.type
class SiteCreatePayload:
    site: Site | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


@strawberry.type
class SiteCreateMutation:
    @typed.mutation(permission_classes=[requires("sites.manage")])
    async def site_create(self, info: strawberry.Info, input: SiteCreateInput) -> SiteCreatePayload:
        try:
            site = await services.create_site(
                info.context.actor,
                input.code,
                input.name,
                organisation_id=decode_optional(input.organisation_id, "Party", "organisationId"),
                kind=input.kind,
                address=input.address,
                timezone=input.timezone,
            )
        except ServiceError as exc:
            return SiteCreatePayload(errors=errors_of(exc, info, PartyError))
        return SiteCreatePayload(site=site)  # type: ignore[arg-type]  # a row for its node
