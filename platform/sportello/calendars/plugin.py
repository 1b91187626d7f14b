"""Business calendars, written as a plugin like any office: always on."""

from __future__ import annotations

from sportello import __version__, hookimpl
from sportello.calendars import demo
from sportello.calendars.graphql import mutations, queries, types
from sportello.calendars.messages import MESSAGES
from sportello.contract import ModelSet, Permission, PluginInfo, RoleSpec
from sportello.hookspecs import RootContribution

MANAGE = "calendars.manage"


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="calendars", title="Business calendars", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("calendars", ("sportello.calendars.models",), "sportello.calendars.migrations")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.CalendarQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.BusinessCalendar]


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [Permission(MANAGE, "Set working hours, holidays and closed days of business calendars")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [RoleSpec("manager", (MANAGE,))]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()
