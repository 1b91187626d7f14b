from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry

from sportello.events.registry import Event
from sportello.events.subscriptions import subscribe
from sportello.graphql import typed
from sportello.identity.permissions import Authenticated
from sportello.notify import models
from sportello.notify.graphql.types import NotificationNode
from sportello.notify.services import CREATED_EVENT


def _own(actor: Any, event: Event) -> bool:
    return actor.user_id is not None and event.payload.get("user_id") == actor.user_id


@strawberry.type
class NotifySubscriptions:
    @typed.subscription(
        permission_classes=[Authenticated],
        description="Your new in-app notifications as they are committed.",
    )
    async def notification_received(
        self, info: strawberry.Info
    ) -> AsyncGenerator[NotificationNode, None]:
        async for event in subscribe(info, [CREATED_EVENT], visible=_own):
            note = await models.Notification.filter(
                id=event.payload["notification_id"], user_id=info.context.actor.user_id
            ).first()
            if note is not None:
                yield note  # type: ignore[misc]  # a row resolves as its node type
