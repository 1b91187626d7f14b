from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from sportello.events import bus, models
from sportello.events.graphql.types import EventDeliveryNode, EventsError
from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation
from sportello.identity import audit
from sportello.services import Actor, ServiceError, atomic


@strawberry.input
class EventReplayInput:
    id: strawberry.ID = strawberry.field(
        description="An EventDelivery (replays it) or an Event (replays its parked deliveries)."
    )


# Written out: `deliveries` is a non-null list, and payload() gives nullable fields only.
@strawberry.type
class EventReplayPayload:
    deliveries: list[EventDeliveryNode] = strawberry.field(default_factory=list)
    errors: list[EventsError] = strawberry.field(default_factory=list)


async def _replay(runtime: Any, actor: Actor, gid: strawberry.ID) -> list[models.EventDelivery]:
    """Only deliveries of events the actor may see: its sites, the event type's permission."""
    pk = decode_id(gid, ("EventDelivery", "Event"), "id")
    kind = relay.GlobalID.from_id(gid).type_name
    if kind == "EventDelivery":
        qs = bus.visible_events(models.EventDelivery.filter(id=pk), runtime, actor, "event__")
        if not await qs.exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        ids = [row["id"] for row in await qs.exclude(status="delivered").values("id")]
        if not ids:
            raise ServiceError("NOT_PARKED", "events.not_parked", "id")
    else:
        if not await bus.visible_events(models.OutboxEvent.filter(id=pk), runtime, actor).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        parked = models.EventDelivery.filter(event_id=pk, status="parked")
        ids = [row["id"] for row in await parked.values("id")]
        if not ids:
            raise ServiceError("NOT_PARKED", "events.not_parked", "id")
    async with atomic():
        await audit.record(
            actor, "eventReplay", None, object_type=kind, object_id=pk, after={"deliveries": ids}
        )
    await bus.replay(ids)
    return await models.EventDelivery.filter(id__in=list(ids))


@mutation("events.manage", EventReplayPayload)
async def event_replay(
    info: strawberry.Info, input: EventReplayInput
) -> list[models.EventDelivery]:
    return await _replay(info.context.runtime, info.context.actor, input.id)
