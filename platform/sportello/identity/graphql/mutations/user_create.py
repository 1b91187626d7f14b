from __future__ import annotations

import strawberry

from sportello.graphql import typed
from sportello.graphql.errors import errors_of
from sportello.graphql.ids import decode_optional
from sportello.identity import services
from sportello.identity.graphql.types import IdentityError, User, decode_ids
from sportello.identity.permissions import requires
from sportello.services import ServiceError


@strawberry.input
class UserCreateInput:
    email: str
    password: str | None = None
    display_name: str | None = None
    party_id: strawberry.ID | None = None
    roles: list[str] = strawberry.field(default_factory=list)
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    all_sites: bool = False


@strawberry.type
class UserCreatePayload:
    user: User | None = None
    errors: list[IdentityError] = strawberry.field(default_factory=list)


@strawberry.type
class UserCreateMutation:
    @typed.mutation(
        permission_classes=[requires("identity.users.manage")],
        description="Create a login account; grant only roles and sites within your own.",
    )
    async def user_create(self, info: strawberry.Info, input: UserCreateInput) -> UserCreatePayload:
        actor, runtime = info.context.actor, info.context.runtime
        try:
            site_ids = decode_ids(input.site_ids, "Site", "siteIds") or []
            services.check_grant(actor, runtime, input.roles, site_ids, input.all_sites)
            user = await services.create_user(
                actor,
                input.email,
                input.password,
                roles=input.roles,
                known_roles=set(runtime.roles),
                display_name=input.display_name,
                party_id=decode_optional(input.party_id, "Party", "partyId"),
                site_ids=site_ids,
                all_sites=input.all_sites,
            )
        except ServiceError as exc:
            return UserCreatePayload(errors=errors_of(exc, info, IdentityError))
        return UserCreatePayload(user=user)  # type: ignore[arg-type]  # a row for its node
