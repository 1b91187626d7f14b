"""Reception: what every front desk shares (desks, the day's arrivals, who is here now)."""

from __future__ import annotations

import pluggy

from sportello import hookimpl
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import ModelSet, PluginInfo
from sportello_reception import demo, hookspecs
from sportello_reception.graphql import mutations, queries, types
from sportello_reception.messages import MESSAGES


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="reception",
        title="Reception",
        version="0.1.0",
        description="Front desks, the day's arrivals and who is here now, for every receiving office.",
    )


@hookimpl
def sportello_addhooks(pm: pluggy.PluginManager) -> None:
    pm.add_hookspecs(hookspecs)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("reception", ("sportello_reception.models",), "sportello_reception.migrations")


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Arrival, types.FrontDesk]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.ReceptionQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return [mutations.FrontDeskCreateMutation]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("reception.view", "See front desks, arrivals and who is here"),
        Permission("reception.manage", "Create and edit front desks"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("front_desk", ("reception.view",)),
        RoleSpec("manager", ("reception.view", "reception.manage")),
        RoleSpec("back_office", ("reception.view",)),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()
