"""Domain events between offices: outbox, dispatcher, subscriptions, webhooks."""

from __future__ import annotations

from typing import Any

from sportello import __version__, hookimpl
from sportello.contract import ErasureReport, ModelSet, Permission, PluginInfo, RoleSpec
from sportello.events import privacy
from sportello.events.dispatcher import EventsCore
from sportello.events.graphql import mutations, queries, subscriptions, types
from sportello.events.messages import MESSAGES
from sportello.hookspecs import RootContribution


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="events", title="Events", version=__version__)


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("events", ("sportello.events.models",), "sportello.events.migrations")


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("events.view", "See recent events, their deliveries and failures"),
        Permission("events.manage", "Replay parked event deliveries"),
        Permission("webhooks.manage", "Register, change and remove webhook endpoints"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [RoleSpec("auditor", ("events.view",))]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.EventNode, types.EventDeliveryNode, types.WebhookEndpointNode]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.EventQueries]


@hookimpl
def sportello_graphql_mutations() -> list[RootContribution]:
    return list(mutations.ALL)


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [subscriptions.EventSubscriptions]


# The dispatcher runs every office's handlers, and those use the other services (notifications,
# the SLA engine): it starts after all of them and, shutdown running in reverse, its last round
# runs before any of them stops.
@hookimpl(trylast=True)
async def sportello_startup(runtime: Any) -> None:
    core = EventsCore(runtime)
    runtime.state["events"] = core
    await core.start()


@hookimpl(trylast=True)
async def sportello_shutdown(runtime: Any) -> None:
    core = runtime.state.pop("events", None)
    if core is not None:
        await core.flush(runtime.settings.server.shutdown_timeout)
        await core.stop()


@hookimpl(tryfirst=True)
async def sportello_party_erase(party_id: int) -> Any:
    """First, while the party's values are still readable: scrub them from event payloads."""
    changed = await privacy.erase(party_id)
    return ErasureReport("events", erased=("events_outbox.payload",) if changed else ())


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    return await privacy.export(party_id)
