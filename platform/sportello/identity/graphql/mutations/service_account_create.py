from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError, User, decode_ids
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class ServiceAccountCreateInput:
    name: str
    roles: list[str]
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    all_sites: bool = False


@strawberry.type
class ServiceAccountCreatePayload:
    service_account: User | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class ServiceAccountCreateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.users.manage")],
        description="An account for an integration; it logs in only with API tokens.",
    )
    async def service_account_create(
        self, info: strawberry.Info, input: ServiceAccountCreateInput
    ) -> ServiceAccountCreatePayload:
        try:
            user = await services.create_service_account(
                info.context.actor,
                info.context.runtime,
                input.name,
                input.roles,
                decode_ids(input.site_ids, "Site", "siteIds"),
                input.all_sites,
            )
        except ServiceError as exc:
            return ServiceAccountCreatePayload(errors=errors_of(exc, info, IdentityError))
        return ServiceAccountCreatePayload(service_account=user)  # type: ignore[arg-type]  # a row for its node
