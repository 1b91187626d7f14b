"""Notifications to people by email, text message and in the app, for every office."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import (
    ErasureReport,
    MergeReport,
    ModelSet,
    Permission,
    PluginInfo,
    RoleSpec,
)
from sportello.events.registry import EventHandler, EventType
from sportello.hookspecs import RootContribution
from sportello.notify import demo, services, sweeper
from sportello.notify.graphql import mutations, queries, subscriptions, types
from sportello.notify.messages import MESSAGES
from sportello.notify.models import Delivery
from sportello.parties.services.merge import move_references


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="notify", title="Notifications", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("notify", ("sportello.notify.models",), "sportello.notify.migrations")


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("notify.view", "See the kinds of notifications and the delivery log"),
        Permission("notify.manage", "Switch kinds of notifications on and off per site"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("manager", ("notify.view", "notify.manage")),
        RoleSpec("auditor", ("notify.view",)),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.NotificationNode, types.NotificationDeliveryNode]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.NotifyQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [subscriptions.NotifySubscriptions]


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType(
            services.QUEUED_EVENT,
            description="Notifications were queued: the sender sends them after commit.",
            payload=services.Queued,
            permission="notify.view",
        ),
        EventType(
            services.CREATED_EVENT,
            description="An in-app notification for a user (its notificationReceived stream).",
            payload=services.NotificationCreated,
            permission="notify.view",
        ),
    ]


@hookimpl
def sportello_event_handlers() -> list[EventHandler]:
    return [EventHandler(services.QUEUED_EVENT, "notify.send", sweeper.on_queued)]


@hookimpl
async def sportello_startup(runtime: Any) -> None:
    runtime.state["notify"] = await sweeper.start(runtime)


@hookimpl
async def sportello_shutdown(runtime: Any) -> None:
    core = runtime.state.pop("notify", None)
    if core is not None:
        await sweeper.stop(core)


@hookimpl
async def sportello_demo_data(runtime: Any) -> None:
    await demo.load(runtime)


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    return await services.party_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> ErasureReport:
    return await services.party_erase(party_id)


@hookimpl
async def sportello_party_merge(source_id: int, target_id: int) -> MergeReport:
    """What was sent to the merged party, and what is still to send, is the survivor's."""
    return await move_references("notify", source_id, target_id, [(Delivery, "party_id")])
