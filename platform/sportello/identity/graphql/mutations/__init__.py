from sportello.identity.graphql.mutations.api_token_create import ApiTokenCreateMutation
from sportello.identity.graphql.mutations.api_token_revoke import ApiTokenRevokeMutation
from sportello.identity.graphql.mutations.party_erase import PartyEraseMutation
from sportello.identity.graphql.mutations.role_create import RoleCreateMutation
from sportello.identity.graphql.mutations.role_delete import RoleDeleteMutation
from sportello.identity.graphql.mutations.role_update import RoleUpdateMutation
from sportello.identity.graphql.mutations.service_account_create import (
    ServiceAccountCreateMutation,
)
from sportello.identity.graphql.mutations.token_create import TokenCreateMutation
from sportello.identity.graphql.mutations.token_refresh import TokenRefreshMutation
from sportello.identity.graphql.mutations.token_revoke_all import TokenRevokeAllMutation
from sportello.identity.graphql.mutations.user_create import UserCreateMutation
from sportello.identity.graphql.mutations.user_update import UserUpdateMutation

ALL = [
    TokenCreateMutation,
    TokenRefreshMutation,
    TokenRevokeAllMutation,
    UserCreateMutation,
    UserUpdateMutation,
    RoleCreateMutation,
    RoleUpdateMutation,
    RoleDeleteMutation,
    ServiceAccountCreateMutation,
    ApiTokenCreateMutation,
    ApiTokenRevokeMutation,
    PartyEraseMutation,
]

__all__ = [m.__name__ for m in ALL] + ["ALL"]
