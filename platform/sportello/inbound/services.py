"""Receiving an email: stored once per Message-ID, its attachments under a size cap, threaded to
the item it replies to, and handed to the offices until one claims it; all in one transaction.

Mail providers retry a webhook until it answers 2xx: a message already stored (same
Message-ID) is acknowledged again without being handled twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello.hookcall import call_each
from sportello.inbound import models
from sportello.inbound.contract import (
    InboundAttachment,
    InboundEmail,
    InboundMailHandler,
    MailThread,
)
from sportello.inbound.parse import Parsed, message_ids, parse
from sportello.services import atomic

log = logging.getLogger("sportello.inbound")


@dataclass(frozen=True)
class Outcome:
    """What the route answers: ``accepted`` (claimed by ``office``), ``unclaimed`` (stored, no
    office took it) or ``duplicate`` (stored before)."""

    status: str
    message_id: str
    office: str | None = None
    item_type: str | None = None
    item_id: int | None = None


def collect_handlers(pm: Any) -> list[InboundMailHandler]:
    handlers: list[InboundMailHandler] = []
    for owner, declared in call_each(pm, "sportello_inbound_mail_handlers"):
        for handler in declared:
            if not isinstance(handler, InboundMailHandler):
                raise TypeError(
                    f"plugin '{owner}': sportello_inbound_mail_handlers must return "
                    "InboundMailHandler objects"
                )
            handlers.append(handler)
    return handlers


def _fallback_id(raw: bytes) -> str:
    """A stable id for a message without a Message-ID: the same bytes posted twice match."""
    return f"{hashlib.sha256(raw).hexdigest()[:40]}@inbound.sportello.invalid"


async def receive(
    raw: bytes,
    handlers: Sequence[InboundMailHandler],
    *,
    max_attachment_bytes: int,
    max_attachments: int,
) -> Outcome:
    """Parse, store, thread and dispatch one raw message (``BadMessage`` if unreadable)."""
    parsed = parse(raw)
    message_id = parsed.message_id or _fallback_id(raw)
    if await models.InboundMessage.filter(message_id=message_id).exists():
        return Outcome("duplicate", message_id)
    try:
        return await _store_and_dispatch(
            parsed, message_id, len(raw), handlers, max_attachment_bytes, max_attachments
        )
    except IntegrityError:
        # The same message posted twice at once: the unique Message-ID let one in.
        if await models.InboundMessage.filter(message_id=message_id).exists():
            return Outcome("duplicate", message_id)
        raise


async def _store_and_dispatch(
    parsed: Parsed,
    message_id: str,
    size: int,
    handlers: Sequence[InboundMailHandler],
    max_attachment_bytes: int,
    max_attachments: int,
) -> Outcome:
    async with atomic():
        row = await models.InboundMessage.create(
            message_id=message_id,
            in_reply_to=parsed.in_reply_to,
            references=" ".join(parsed.references)[:10_000],
            from_address=parsed.from_address,
            from_name=parsed.from_name,
            subject=parsed.subject,
            size=size,
        )
        stored: list[InboundAttachment] = []
        for n, part in enumerate(parsed.attachments):
            keep = n < max_attachments and len(part.content) <= max_attachment_bytes
            saved = await models.InboundAttachment.create(
                message_id=row.id,
                filename=part.filename,
                content_type=part.content_type,
                size=len(part.content),
                content=part.content if keep else None,
            )
            stored.append(
                InboundAttachment(
                    saved.id, saved.filename, saved.content_type, saved.size, stored=keep
                )
            )
        message = InboundEmail(
            id=row.id,
            message_id=message_id,
            in_reply_to=parsed.in_reply_to,
            references=tuple(parsed.references),
            from_address=parsed.from_address,
            from_name=parsed.from_name,
            to=tuple(parsed.to),
            subject=parsed.subject,
            text=parsed.text,
            date=parsed.date,
            attachments=tuple(stored),
        )
        thread = await find_thread([*parsed.references, *filter(None, [parsed.in_reply_to])])
        claimed = await _dispatch(message, thread, handlers)
        if claimed is None:
            return Outcome("unclaimed", message_id)
        await models.InboundMessage.filter(id=row.id).update(
            office=claimed.office, item_type=claimed.item_type, item_id=claimed.item_id
        )
        await add_thread(message_id, claimed)
    return Outcome("accepted", message_id, claimed.office, claimed.item_type, claimed.item_id)


async def _dispatch(
    message: InboundEmail, thread: MailThread | None, handlers: Sequence[InboundMailHandler]
) -> MailThread | None:
    """The thread's office first (with the thread), then every other office in turn."""
    ordered = sorted(
        handlers, key=lambda h: 0 if thread is not None and h.office == thread.office else 1
    )
    for handler in ordered:
        mine = thread if thread is not None and handler.office == thread.office else None
        claimed = await handler.handle(message, mine)
        if claimed is not None:
            return claimed
    return None


async def add_thread(message_id: str, thread: MailThread) -> None:
    """Record that ``message_id`` (a message received or sent) belongs to ``thread``'s item;
    replies naming it in In-Reply-To or References thread to that item. Once per id."""
    key = message_ids(message_id)
    if not key:
        return
    if await models.MailThread.filter(message_id=key[0]).exists():
        return
    await models.MailThread.create(
        message_id=key[0],
        office=thread.office,
        item_type=thread.item_type,
        item_id=thread.item_id,
    )


async def find_thread(ids: Iterable[str]) -> MailThread | None:
    """The item the latest of these message ids (References order, then In-Reply-To) belongs
    to, in one query."""
    wanted = [i for value in ids for i in message_ids(value)]
    if not wanted:
        return None
    rows = await models.MailThread.filter(message_id__in=wanted).values(
        "message_id", "office", "item_type", "item_id"
    )
    by_id = {r["message_id"]: r for r in rows}
    for candidate in reversed(wanted):
        found = by_id.get(candidate)
        if found is not None:
            return MailThread(found["office"], found["item_type"], int(found["item_id"]))
    return None


def new_message_id(sender: str | None = None) -> str:
    """A fresh Message-ID (with angle brackets) on the domain of ``sender`` (default: the
    ``[smtp] sender`` of the running system): what an office sets on a reply it sends, and
    records with ``add_thread``, so that the answer threads back to its item."""
    if sender is None:
        from sportello.notify.core import current  # lazy: notify starts with the runtime

        sender = current().smtp.sender
    _, address = parseaddr(sender)
    domain = address.partition("@")[2] or "sportello.invalid"
    return make_msgid(domain=domain)


async def attachment(attachment_id: int) -> models.InboundAttachment | None:
    found: models.InboundAttachment | None = await models.InboundAttachment.filter(
        id=attachment_id
    ).first()
    return found
