from __future__ import annotations

import strawberry

from sportello.graphql.mutations import mutation, payload
from sportello.identity import models, services
from sportello.identity.graphql.types import IdentityError, User, decode_ids


# Written out, not generated from the arguments: `siteIds` defaults to an empty list.
@strawberry.input
class ServiceAccountCreateInput:
    name: str
    roles: list[str]
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    all_sites: bool = False


ServiceAccountCreatePayload = payload(
    errors=IdentityError, name="ServiceAccountCreatePayload", service_account=User
)


@mutation(
    "identity.users.manage",
    ServiceAccountCreatePayload,
    description="An account for an integration; it logs in only with API tokens.",
)
async def service_account_create(
    info: strawberry.Info, input: ServiceAccountCreateInput
) -> models.User:
    return await services.create_service_account(
        info.context.actor,
        info.context.runtime,
        input.name,
        input.roles,
        decode_ids(input.site_ids, "Site", "siteIds"),
        input.all_sites,
    )
