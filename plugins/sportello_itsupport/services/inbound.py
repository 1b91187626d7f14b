"""IT support's claim on inbound email (hook ``sportello_inbound_mail_handlers``).

The office is asked before the others (its hook runs ``tryfirst``), so it claims only what is
plainly the help desk's, and lets everything else go on to the next office (the CRM):

1. a reply to the office's own mail or to a message filed on a ticket (the core threads it by
   In-Reply-To / References: the thread is the office's);
2. a subject naming an existing ticket (``[IT-000042]``);
3. a message sent to one of the configured ``[modules.itsupport] mailboxes`` (To).

A reply threaded to another office's item is that office's: it is asked first, with its thread.
"""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import settings
from sportello_itsupport.services.mail import mail_received, reference_in

OFFICE = "itsupport"
ITEM = "ticket"


def files_of(message: api.InboundEmail) -> list[dict[str, Any]]:
    """The core's stored attachments as listed on a ticket (``stored`` false: over the cap)."""
    return [
        {
            "id": a.id,
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.size,
            "stored": a.stored,
        }
        for a in message.attachments
    ]


async def is_ours(message: api.InboundEmail) -> bool:
    """A ticket reference in the subject, or a help-desk mailbox among the recipients."""
    number = reference_in(message.subject)
    if number is not None and await m.Ticket.filter(number=number).exists():
        return True
    mailboxes = set(settings().mailboxes)
    return any(address in mailboxes for address in message.to)


async def claim(message: api.InboundEmail, thread: api.MailThread | None) -> api.MailThread | None:
    ticket_id = thread.item_id if thread is not None and thread.item_type == ITEM else None
    if ticket_id is None and not await is_ours(message):
        return None
    ticket, _ = await mail_received(
        from_address=message.from_address,
        from_name=message.from_name,
        subject=message.subject,
        text=message.text,
        ticket_id=ticket_id,
        attachments=files_of(message),
    )
    return api.MailThread(OFFICE, ITEM, ticket.id)
