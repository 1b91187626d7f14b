"""``api.notify`` and ``api.notify_cancel``: delivery rows written in the caller's transaction.

Nothing is sent here: the outbox event ``notify.queued`` wakes the sender after commit (a
rollback takes the deliveries with it), and in-app notifications reach live subscriptions
through ``notify.notification.created``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from sportello.events.outbox import publish
from sportello.notify import models
from sportello.notify.contract import EMAIL, IN_APP, NotificationKind
from sportello.notify.core import NotifyCore, current
from sportello.notify.services._common import now
from sportello.notify.services.kind_settings import kind_enabled
from sportello.notify.services.recipients import Recipient, resolve
from sportello.privacy import ERASED
from sportello.services import atomic

QUEUED_EVENT = "notify.queued"
CREATED_EVENT = "notify.notification.created"


class Queued(BaseModel):
    kind: str
    deliveries: int


class NotificationCreated(BaseModel):
    notification_id: int
    user_id: int


class NotificationError(ValueError):
    """A call of ``api.notify`` that cannot be right: an unknown kind, a channel the kind
    does not declare, a missing template parameter. A bug in the calling office."""


def _check(
    core: NotifyCore, kind: str, params: Mapping[str, Any], channels: Iterable[str] | None
) -> tuple[NotificationKind, tuple[str, ...]]:
    decl = core.kinds.get(kind)
    if decl is None:
        known = ", ".join(sorted(core.kinds)) or "none"
        raise NotificationError(f"unknown notification kind {kind!r} (declared: {known})")
    missing = [p for p in decl.params if p not in params]
    if missing:
        raise NotificationError(f"notification {kind!r}: missing params {', '.join(missing)}")
    chosen = tuple(decl.channels) if channels is None else tuple(dict.fromkeys(channels))
    undeclared = [c for c in chosen if c not in decl.channels]
    if undeclared:
        raise NotificationError(
            f"notification {kind!r} does not declare the channel(s) {', '.join(undeclared)}"
        )
    return decl, chosen


def render(
    core: NotifyCore, decl: NotificationKind, lang: str, params: Mapping[str, Any]
) -> tuple[str, str]:
    catalog = core.runtime.catalog
    subject = catalog.gettext(decl.subject_key, lang, **params)
    body = catalog.gettext(decl.body_key, lang, **params)
    return subject[:300], body


async def notify(
    kind: str,
    *,
    user_ids: Iterable[int] = (),
    party_ids: Iterable[int] = (),
    site_id: int | None = None,
    params: Mapping[str, Any] | None = None,
    channels: Iterable[str] | None = None,
    not_before: dt.datetime | None = None,
    key: str | None = None,
    email_headers: Mapping[str, str] | None = None,
) -> int:
    """Queue ``kind`` for these users and parties; call it inside the change's transaction.

    Returns how many deliveries will reach someone: queued emails and text messages plus
    in-app notifications. Nothing when the kind is switched off for ``site_id``. A recipient
    without consent or without an address on a channel gets a ``skipped`` row in the log.
    """
    core = current()
    values = {k: ("" if v is None else v) for k, v in (params or {}).items()}
    headers = _email_headers(email_headers)
    decl, chosen = _check(core, kind, values, channels)
    async with atomic():
        if not await kind_enabled(decl, site_id):
            return 0
        recipients = await resolve(user_ids, party_ids)
        due = not_before or now()
        rows: list[models.Delivery] = []
        inbox: list[tuple[Recipient, str, str]] = []
        for r in recipients:
            subject, body = render(core, decl, r.language, values)
            for channel in chosen:
                row = models.Delivery(
                    kind=kind,
                    channel=channel,
                    user_id=r.user_id,
                    party_id=r.party_id,
                    site_id=site_id,
                    language=r.language,
                    subject=subject,
                    body=body,
                    key=key,
                )
                if channel == IN_APP:
                    if r.user_id is None:
                        continue  # parties have no inbox
                    row.status, row.sent_at = models.SENT, now()
                    inbox.append((r, subject, body))
                elif not r.consents_to(channel, decl.audience):
                    row.status, row.error_class = models.SKIPPED, "no_consent"
                elif not r.address(channel):
                    row.status, row.error_class = models.SKIPPED, "no_address"
                else:
                    row.address = r.address(channel)
                    row.next_attempt_at = due
                    if channel == EMAIL and headers:
                        row.headers = headers
                rows.append(row)
        if rows:
            await models.Delivery.bulk_create(rows)
        for r, subject, body in inbox:
            assert r.user_id is not None
            note = await models.Notification.create(
                user_id=r.user_id,
                kind=kind,
                title=subject,
                body=body,
                params={k: str(v) for k, v in values.items()},
            )
            await publish(
                CREATED_EVENT,
                NotificationCreated(notification_id=note.id, user_id=r.user_id),
                aggregate=f"notify:user:{r.user_id}",
            )
        queued = sum(1 for row in rows if row.status == models.QUEUED)
        if queued:
            await publish(
                QUEUED_EVENT,
                Queued(kind=kind, deliveries=queued),
                aggregate="notify:send",
                site_id=site_id,
            )
    return queued + len(inbox)


#: The headers an office may set on its emails: threading a reply to a conversation.
EMAIL_HEADERS = ("Message-ID", "In-Reply-To", "References", "Reply-To")


def _email_headers(given: Mapping[str, str] | None) -> dict[str, str]:
    """Only threading headers, each one line (a header injection is a bug of the caller)."""
    out: dict[str, str] = {}
    for name, value in (given or {}).items():
        canonical = next((h for h in EMAIL_HEADERS if h.lower() == name.lower()), None)
        if canonical is None or "\n" in value or "\r" in value:
            raise NotificationError(f"email header {name!r} is not allowed")
        out[canonical] = value[:2000]
    return out


async def notify_erase(key: str) -> int:
    """Blank the texts of every delivery queued with ``key`` (they may name someone who asked
    to be erased: a visitor in the host's message); how many. The log keeps the rest."""
    async with atomic():
        count: int = await models.Delivery.filter(key=key).update(subject=ERASED, body=ERASED)
    return count


async def notify_cancel(key: str) -> int:
    """Cancel the deliveries queued with ``key`` that have not gone out; how many."""
    async with atomic():
        count: int = await models.Delivery.filter(key=key, status=models.QUEUED).update(
            status=models.CANCELLED, next_attempt_at=None
        )
    return count
