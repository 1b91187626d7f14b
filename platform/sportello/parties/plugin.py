"""The core's party registry, written as a plugin like any office."""

from __future__ import annotations

from sportello import __version__, hookimpl
from sportello.contract import MergeReport, ModelSet, Permission, PluginInfo, RoleSpec
from sportello.hookspecs import RootContribution
from sportello.parties import demo, services
from sportello.parties.graphql import mutations, queries, types
from sportello.parties.messages import MESSAGES
from sportello.parties.services.merge import move_registry


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="parties", title="Parties and sites", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("parties", ("sportello.parties.models",), "sportello.parties.migrations")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.PartyQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Party, types.Site]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("parties.view", "See people and organisations"),
        Permission("parties.manage", "Register and edit people and organisations"),
        Permission("sites.manage", "Create and edit sites"),
        Permission("parties.merge", "Merge a duplicate person or organisation into another"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("front_desk", ("parties.view", "parties.manage")),
        RoleSpec("back_office", ("parties.view", "parties.manage")),
        RoleSpec("manager", ("parties.view", "parties.manage", "parties.merge", "sites.manage")),
        RoleSpec("auditor", ("parties.view",)),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, object] | None:
    return await services.party_personal_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> object:
    return await services.anonymise_party(party_id)


@hookimpl
async def sportello_party_merge(source_id: int, target_id: int) -> MergeReport:
    return await move_registry(source_id, target_id)
