from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from sportello.events import subscribe
from sportello.events.graphql.types import EventMessage
from sportello.graphql import typed
from sportello.identity.permissions import requires


@strawberry.type
class EventSubscriptions:
    @typed.subscription(
        permission_classes=[requires("events.view")],
        description="Events with these names as they commit, in order, for the sites you see.",
    )
    async def event_stream(
        self, info: strawberry.Info, names: list[str]
    ) -> AsyncGenerator[EventMessage, None]:
        async for event in subscribe(info, names):
            yield EventMessage.of(event)
