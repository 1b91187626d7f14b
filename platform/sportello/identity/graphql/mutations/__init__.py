from sportello.hookspecs import RootContribution
from sportello.identity.graphql.mutations.api_token_create import api_token_create
from sportello.identity.graphql.mutations.api_token_revoke import api_token_revoke
from sportello.identity.graphql.mutations.party_erase import party_erase
from sportello.identity.graphql.mutations.party_merge import party_merge
from sportello.identity.graphql.mutations.role_create import role_create
from sportello.identity.graphql.mutations.role_delete import role_delete
from sportello.identity.graphql.mutations.role_update import role_update
from sportello.identity.graphql.mutations.service_account_create import service_account_create
from sportello.identity.graphql.mutations.token_create import token_create
from sportello.identity.graphql.mutations.token_refresh import token_refresh
from sportello.identity.graphql.mutations.token_revoke_all import token_revoke_all
from sportello.identity.graphql.mutations.user_create import user_create
from sportello.identity.graphql.mutations.user_update import user_update

# Root fields made by mutation(), in the schema's order. Typed Any: the plugin's hook is
# annotated `list[type]`, while composition takes fields as well as classes.
ALL: list[RootContribution] = [
    token_create,
    token_refresh,
    token_revoke_all,
    user_create,
    user_update,
    role_create,
    role_update,
    role_delete,
    service_account_create,
    api_token_create,
    api_token_revoke,
    party_erase,
    party_merge,
]

__all__ = [
    "ALL",
    "api_token_create",
    "api_token_revoke",
    "party_erase",
    "party_merge",
    "role_create",
    "role_delete",
    "role_update",
    "service_account_create",
    "token_create",
    "token_refresh",
    "token_revoke_all",
    "user_create",
    "user_update",
]
