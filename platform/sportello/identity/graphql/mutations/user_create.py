from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.identity import models, services
from sportello.identity.graphql.types import IdentityError, User, decode_ids


# Written out, not generated from the arguments: `roles` and `siteIds` default to empty lists.
@strawberry.input
class UserCreateInput:
    email: str
    password: str | None = None
    display_name: str | None = None
    party_id: strawberry.ID | None = None
    roles: list[str] = strawberry.field(default_factory=list)
    site_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    all_sites: bool = False


UserCreatePayload = payload(User, errors=IdentityError, name="UserCreatePayload")


@mutation(
    "identity.users.manage",
    UserCreatePayload,
    description=(
        "Create a login account; grant only roles and sites within your own. With partyId the "
        "account acts as that existing person: you need a right over the person (every site, "
        "or the person known at one of yours), never your own person, nor one whose other "
        "account you could not manage (FORBIDDEN); an unknown or erased person is NOT_FOUND."
    ),
)
async def user_create(info: strawberry.Info, input: UserCreateInput) -> models.User:
    actor, runtime = info.context.actor, info.context.runtime
    site_ids = decode_ids(input.site_ids, "Site", "siteIds") or []
    services.check_grant(actor, runtime, input.roles, site_ids, input.all_sites)
    return await services.create_user(
        actor,
        input.email,
        input.password,
        roles=input.roles,
        known_roles=set(runtime.roles),
        display_name=input.display_name,
        party_id=decode_optional(input.party_id, "Party", "partyId"),
        site_ids=site_ids,
        all_sites=input.all_sites,
        runtime=runtime,
    )
