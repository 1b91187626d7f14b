from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id, decode_optional
from sportello.identity.permissions import requires
from sportello.parties import services
from sportello.parties.graphql.types import PartyError, Site
from sportello.services import ServiceError


@strawberry.input(description="Fields left out (or null) stay as they are; the code never changes.")
class SiteUpdateInput:
    id: strawberry.ID
    name: str | None = None
    kind: str | None = None
    address: str | None = None
    timezone: str | None = strawberry.field(default=None, description="An IANA time zone name.")
    organisation_id: strawberry.ID | None = None


@strawberry.type
class SiteUpdatePayload:
    site: Site | None = None
    errors: list[PartyError] = strawberry.field(default_factory=list)


@strawberry.type
class SiteUpdateMutation:
    @typed.mutation(permission_classes=[requires("sites.manage")])
    async def site_update(self, info: strawberry.Info, input: SiteUpdateInput) -> SiteUpdatePayload:
        try:
            site = await services.update_site(
                info.context.actor,
                decode_id(input.id, "Site", "id"),
                name=input.name,
                kind=input.kind,
                address=input.address,
                timezone=input.timezone,
                organisation_id=decode_optional(input.organisation_id, "Party", "organisationId"),
            )
        except ServiceError as exc:
            return SiteUpdatePayload(errors=errors_of(exc, info, PartyError))
        return SiteUpdatePayload(site=site)  # type: ignore[arg-type]  # a row for its node
