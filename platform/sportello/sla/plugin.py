"""The SLA engine, a core service written as a plugin: every office attaches clocks to its
items through ``sportello.api``; the sweeper runs with the core."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import MergeReport, ModelSet, Permission, PluginInfo, RoleSpec
from sportello.events.registry import EventType
from sportello.hookspecs import RootContribution
from sportello.parties.services.merge import move_references
from sportello.sla import demo, services
from sportello.sla.graphql import mutations, queries, types
from sportello.sla.messages import MESSAGES
from sportello.sla.models import SlaClock, SlaPolicy

VIEW, MANAGE = services.VIEW, services.MANAGE


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="sla", title="Service levels", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("sla", ("sportello.sla.models",), "sportello.sla.migrations")


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.SlaPolicy, types.SlaClock]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.SlaQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission(VIEW, "See SLA policies, clocks and reports"),
        Permission(MANAGE, "Create and change SLA policies"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("manager", (VIEW, MANAGE)),
        RoleSpec("back_office", (VIEW,)),
        RoleSpec("front_desk", (VIEW,)),
        RoleSpec("auditor", (VIEW,)),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType(
            services.CLOCK_WARNING,
            description="An item's target (response or resolution) is about to be missed.",
            payload=services.ClockEvent,
            permission=VIEW,
        ),
        EventType(
            services.CLOCK_BREACHED,
            description="An item missed its target (response or resolution): published once.",
            payload=services.ClockEvent,
            permission=VIEW,
        ),
    ]


@hookimpl
async def sportello_demo_data(runtime: object) -> None:
    await demo.load()


@hookimpl
async def sportello_startup(runtime: Any) -> None:
    sweeper = services.Sweeper()
    runtime.state["sla"] = sweeper
    sweeper.start()


@hookimpl
async def sportello_shutdown(runtime: Any) -> None:
    sweeper = runtime.state.pop("sla", None)
    if sweeper is not None:
        await sweeper.stop()


@hookimpl
async def sportello_party_merge(source_id: int, target_id: int) -> MergeReport:
    """A policy made for the merged party applies to the survivor; so do its running clocks."""
    columns = [(SlaPolicy, "party_id"), (SlaClock, "party_id")]
    return await move_references("sla", source_id, target_id, columns)
