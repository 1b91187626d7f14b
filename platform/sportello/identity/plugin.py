"""Identity: users, tokens, roles, audit. Part of the core, written as a plugin."""

from __future__ import annotations

from sportello import __version__, hookimpl
from sportello.contract import MergeReport, ModelSet, Permission, PluginInfo, RoleSpec
from sportello.hookspecs import RootContribution
from sportello.identity import services
from sportello.identity.graphql import mutations, queries, types
from sportello.identity.messages import MESSAGES
from sportello.identity.models import User
from sportello.parties.services.merge import move_references


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="identity", title="Identity and permissions", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("identity", ("sportello.identity.models",), "sportello.identity.migrations")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.IdentityQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.User, types.AuditEntry]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("identity.users.manage", "Create users and service accounts, assign roles"),
        Permission("identity.roles.manage", "Define custom roles"),
        Permission("audit.view", "Read the audit trail"),
        Permission("privacy.export", "Export a party's personal data (GDPR access)"),
        Permission("privacy.erase", "Erase a party's personal data (GDPR erasure)"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("auditor", ("audit.view",)),
        RoleSpec("manager", ("audit.view", "privacy.export")),
        RoleSpec("front_desk", ()),
        RoleSpec("back_office", ()),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, object] | None:
    return await services.party_user_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> object:
    return await services.erase_party_users(party_id)


@hookimpl
async def sportello_party_merge(source_id: int, target_id: int) -> MergeReport:
    """Logins bound to the merged person act for the survivor."""
    return await move_references("identity", source_id, target_id, [(User, "party_id")])
