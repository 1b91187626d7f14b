"""What offices see of an inbound email and how they claim one.

A leaf module (the standard library only): the hookspecs and ``sportello.api`` name these types
without importing the inbound service itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MailThread:
    """The item a conversation by email belongs to: an office's case, ticket, request."""

    office: str
    item_type: str
    item_id: int


@dataclass(frozen=True)
class InboundAttachment:
    """A file that came with a message. ``stored`` is false when it was over the size cap
    (``[inbound] max_attachment_bytes``): its name and size are kept, not its content."""

    id: int
    filename: str
    content_type: str
    size: int
    stored: bool


@dataclass(frozen=True)
class InboundEmail:
    """A parsed RFC 822 message, as stored (``id``) before any office claims it."""

    id: int
    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]
    from_address: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    text: str
    date: dt.datetime | None
    attachments: tuple[InboundAttachment, ...]


#: ``handle(message, thread)``: ``thread`` is the item the message replies to when it belongs
#: to this office (else None). Return the item that now holds the message (claimed), or None.
InboundMailHandle = Callable[[InboundEmail, MailThread | None], Awaitable[MailThread | None]]


@dataclass(frozen=True)
class InboundMailHandler:
    """An office's claim on inbound email (hook ``sportello_inbound_mail_handlers``).

    Handlers are asked in turn inside the transaction that stores the message: first the one
    of the office whose thread the message replies to, then the others in plugin order, until
    one returns a ``MailThread``. ``office`` is the office's name."""

    office: str
    handle: InboundMailHandle
