"""A plugin for the operations tests: a field that fails unexpectedly, one that sends SQL, and a
subscription that runs until the client stops it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from sportello.api import EventType, PluginInfo, Public, hookimpl


@strawberry.type
class OpsQueries:
    @strawberry.field(permission_classes=[Public])
    def boom(self) -> int:
        raise RuntimeError("password=hunter2 at /srv/app: SELECT password_hash")

    @strawberry.field(permission_classes=[Public])
    async def three_statements(self) -> int:
        from tortoise import connections

        for _ in range(3):
            await connections.get("default").execute_query("SELECT 1")
        return 3


@strawberry.type
class OpsSubscriptions:
    @strawberry.subscription(permission_classes=[Public])
    async def ticks(self) -> AsyncGenerator[int]:
        n = 0
        while True:
            yield n
            n += 1
            await asyncio.sleep(0.05)


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="opsprobe", title="Operations probe", version="0.0.0")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [OpsQueries]


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [OpsSubscriptions]


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [EventType("opsprobe.pinged", description="A ping, for webhook figures")]
