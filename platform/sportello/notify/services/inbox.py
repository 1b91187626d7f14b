"""A user's in-app notifications: marking them read."""

from __future__ import annotations

from sportello.identity.audit import record
from sportello.notify import models
from sportello.notify.services._common import now
from sportello.services import Actor, Problem, ServiceError, atomic

MAX_IDS = 200


async def mark_read(actor: Actor, ids: list[int]) -> list[models.Notification]:
    """Mark the actor's own notifications read (those already read stay as they were)."""
    if not ids:
        raise ServiceError("REQUIRED", "core.required", "ids")
    if len(ids) > MAX_IDS:
        raise ServiceError("INVALID", "notify.too_many", "ids", max=MAX_IDS)
    if actor.user_id is None:
        raise ServiceError("FORBIDDEN", "notify.no_inbox", "ids")
    async with atomic():
        mine = {
            n.id: n for n in await models.Notification.filter(id__in=ids, user_id=actor.user_id)
        }
        problems = [
            Problem("NOT_FOUND", "core.not_found", f"ids.{i}")
            for i, pk in enumerate(ids)
            if pk not in mine
        ]
        if problems:
            raise ServiceError("NOT_FOUND", problems=problems)
        at = now()
        await models.Notification.filter(
            id__in=list(mine), user_id=actor.user_id, read_at=None
        ).update(read_at=at)
        for note in mine.values():
            if note.read_at is None:
                note.read_at = at
        await record(
            actor,
            "notificationMarkRead",
            object_type="Notification",
            object_id=",".join(str(i) for i in sorted(mine))[:64],
            after={"ids": sorted(mine)},
        )
    return [mine[pk] for pk in dict.fromkeys(ids)]
