"""The demo: a morning's delivery log (one failure) and unread notifications for the admin."""

from __future__ import annotations

from sportello.identity import tokens
from sportello.identity.models import User
from sportello.notify import models

INBOX = "{ notifications(first: 10) { edges { node { title read } } } }"
LOG = "{ notificationDeliveries(first: 20) { edges { node { status errorClass } } } }"


async def test_demo_notifications_are_loaded_once(sportello_app) -> None:
    async with sportello_app([]) as h:
        await h.load_demo()
        await h.load_demo()
        admin = await User.get(email="admin@demo.example")
        raw, _ = await tokens.issue(admin, "access", None)
        inbox = await h.ok(INBOX, token=raw, as_=None)
        titles = [e["node"]["title"] for e in inbox["notifications"]["edges"]]
        assert len(titles) == 2 and all(t for t in titles)
        log = await h.ok(LOG, token=raw, as_=None)
        statuses = [
            (e["node"]["status"], e["node"]["errorClass"])
            for e in log["notificationDeliveries"]["edges"]
        ]
        assert statuses.count(("SENT", None)) == 4
        assert statuses.count(("FAILED", "recipient_refused")) == 1
        assert await models.Delivery.all().count() == 5
