"""What posting another office's event always does, whichever office: find the organisation's
journal of a kind, post the entry with the event as its source and link its receivable lines to the open
items in the same transaction, register the handlers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import chart, open_items, posting


async def post(
    event: api.Event,
    office: str,
    journal_kind: str,
    day: dt.date,
    lines: Sequence[posting.LineIn],
    *,
    organisation_id: int,
    reference: str,
    source: str,
    links: Sequence[open_items.Link] = (),
) -> tuple[m.Entry, bool]:
    """Post ``lines`` for ``event`` (idempotent per ``source``); a new entry's receivable lines
    open or settle documents (``links``) in its transaction."""
    async with api.atomic():
        entry, created = await posting.post(
            api.SYSTEM,
            await chart.journal_by_kind(journal_kind, organisation_id),
            day,
            lines,
            reference=reference,
            source_office=office,
            source_document=source,
            source_event=event.id,
            operation=event.name,
        )
        if created and links:
            await open_items.record(entry, office, links)
    return entry, created


def transactional(
    post_event: Callable[[api.Event], Awaitable[Any]],
) -> Callable[[api.Event], Awaitable[None]]:
    """The handler of an office's events: post one in the delivery's transaction."""

    async def handle(event: api.Event) -> None:
        async with event.transaction():
            await post_event(event)

    return handle


def handlers(
    names: Sequence[str], handle: Callable[[api.Event], Awaitable[None]]
) -> list[api.EventHandler]:
    return [api.EventHandler(name, f"accounting.post.{name}", handle) for name in names]
