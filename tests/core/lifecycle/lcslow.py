"""A test office with a slow query and an endless subscription: what a stopping server drains."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from sportello import hookimpl
from sportello.api import PluginInfo, Public


@strawberry.type
class SlowQueries:
    @strawberry.field(permission_classes=[Public])
    async def nap(self, seconds: float) -> str:
        await asyncio.sleep(seconds)
        return f"slept {seconds:g}s"


@strawberry.type
class SlowSubscriptions:
    @strawberry.subscription(permission_classes=[Public])
    async def ticks(self) -> AsyncGenerator[int, None]:
        n = 0
        while True:
            yield n
            n += 1
            await asyncio.sleep(0.2)


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="lcslow", title="Slow paths", version="1.0")


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [SlowQueries]


@hookimpl
def sportello_graphql_subscriptions() -> list[type]:
    return [SlowSubscriptions]
