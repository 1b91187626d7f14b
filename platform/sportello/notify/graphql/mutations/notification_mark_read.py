from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation, payload
from sportello.identity.permissions import Authenticated
from sportello.notify import models, services
from sportello.notify.graphql.types import NotificationNode, NotifyError


@strawberry.input
class NotificationMarkReadInput:
    ids: list[strawberry.ID] = strawberry.field(description="Your notifications (200 at most).")


NotificationMarkReadPayload = payload(
    errors=NotifyError,
    name="NotificationMarkReadPayload",
    notifications=list[NotificationNode],
)


@mutation(
    Authenticated,
    NotificationMarkReadPayload,
    description="Mark some of your in-app notifications read.",
)
async def notification_mark_read(
    info: strawberry.Info, input: NotificationMarkReadInput
) -> dict[str, list[models.Notification]]:
    ids = [decode_id(v, "Notification", f"ids.{i}") for i, v in enumerate(input.ids)]
    return {"notifications": await services.mark_read(info.context.actor, ids)}
