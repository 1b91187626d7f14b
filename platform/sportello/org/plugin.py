"""Departments and teams, a core part written as a plugin like any office."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import ModelSet, Permission, PluginInfo, RoleSpec, TypeFields
from sportello.events.registry import EventType
from sportello.hookspecs import RootContribution
from sportello.identity.graphql.types import Me
from sportello.org import demo, services, staff
from sportello.org.graphql import mutations, queries, types
from sportello.org.messages import MESSAGES
from sportello.org.services.events import EVENT_TYPES


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="org", title="Departments and teams", version=__version__)


@hookimpl
def sportello_startup(runtime: Any) -> None:
    # Offices ask "is this person staff, on duty?" through api.staff_member / staff_on_duty.
    staff.bind(runtime.pm)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("org", ("sportello.org.models",), "sportello.org.migrations")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.OrgQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Department]


@hookimpl
def sportello_graphql_type_fields() -> list[TypeFields]:
    return [TypeFields(Me, queries.MeDepartments)]


@hookimpl
def sportello_event_types() -> list[EventType]:
    return list(EVENT_TYPES)


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [Permission("org.manage", "Create and change departments and teams, and their members")]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [RoleSpec("manager", ("org.manage",))]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, object] | None:
    return await services.party_department_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> object:
    return await services.erase_party_memberships(party_id)
