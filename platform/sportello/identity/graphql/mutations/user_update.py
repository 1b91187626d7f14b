from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.identity import models, services
from sportello.identity.graphql.types import IdentityError, User, decode_ids

UserUpdatePayload = payload(User, errors=IdentityError, name="UserUpdatePayload")


@mutation(
    "identity.users.manage",
    UserUpdatePayload,
    description="Change a user's roles, sites or active flag (deactivating logs them out).",
)
async def user_update(
    info: strawberry.Info,
    id: strawberry.ID,
    roles: list[str] | None = None,
    site_ids: list[strawberry.ID] | None = None,
    all_sites: bool | None = None,
    is_active: bool | None = None,
) -> models.User:
    return await services.update_user(
        info.context.actor,
        info.context.runtime,
        decode_id(id, "User", "id"),
        roles=roles,
        site_ids=decode_ids(site_ids, "Site", "siteIds"),
        all_sites=all_sites,
        is_active=is_active,
    )
