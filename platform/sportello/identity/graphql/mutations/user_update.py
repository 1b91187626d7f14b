from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_id
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError, User, decode_ids
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class UserUpdateInput:
    id: strawberry.ID
    roles: list[str] | None = None
    site_ids: list[strawberry.ID] | None = None
    all_sites: bool | None = None
    is_active: bool | None = None


@strawberry.type
class UserUpdatePayload:
    user: User | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class UserUpdateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.users.manage")],
        description="Change a user's roles, sites or active flag (deactivating logs them out).",
    )
    async def user_update(self, info: strawberry.Info, input: UserUpdateInput) -> UserUpdatePayload:
        try:
            user = await services.update_user(
                info.context.actor,
                info.context.runtime,
                decode_id(input.id, "User", "id"),
                roles=input.roles,
                site_ids=decode_ids(input.site_ids, "Site", "siteIds"),
                all_sites=input.all_sites,
                is_active=input.is_active,
            )
        except ServiceError as exc:
            return UserUpdatePayload(errors=errors_of(exc, info, IdentityError))
        return UserUpdatePayload(user=user)  # type: ignore[arg-type]  # a row for its node
