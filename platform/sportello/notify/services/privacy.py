"""A party's notifications for a GDPR export, and their erasure."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from sportello.contract import ErasureReport
from sportello.identity.models import User
from sportello.notify import models
from sportello.privacy import ERASED
from sportello.services import atomic


async def _user_ids(party_id: int) -> list[int]:
    return [int(r["id"]) for r in await User.filter(party_id=party_id).values("id")]


def _theirs(party_id: int, users: list[int]) -> Q:
    """The party's deliveries: to the party, or to a user who is that party."""
    return Q(party_id=party_id) | Q(user_id__in=users) if users else Q(party_id=party_id)


async def party_data(party_id: int) -> dict[str, Any]:
    users = await _user_ids(party_id)
    deliveries = await (
        models.Delivery.filter(_theirs(party_id, users))
        .order_by("id")
        .values("kind", "channel", "address", "subject", "status", "created_at", "sent_at")
    )
    inbox = (
        await models.Notification.filter(user_id__in=users)
        .order_by("id")
        .values("kind", "title", "body", "created_at", "read_at")
        if users
        else []
    )
    return {"deliveries": deliveries, "notifications": inbox}


async def party_erase(party_id: int) -> ErasureReport:
    """Addresses and texts of the party's deliveries and in-app notifications go; the log
    keeps that something of a kind was sent, when, on which channel."""
    users = await _user_ids(party_id)
    async with atomic():
        touched = await models.Delivery.filter(_theirs(party_id, users)).update(
            address=None, subject=ERASED, body=ERASED
        )
        if users:
            touched += await models.Notification.filter(user_id__in=users).update(
                title=ERASED, body=ERASED, params={}
            )
    erased = (
        (
            "notify_delivery.address",
            "notify_delivery.subject",
            "notify_delivery.body",
            "notify_notification.title",
            "notify_notification.body",
        )
        if touched
        else ()
    )
    return ErasureReport("notify", erased=erased)
