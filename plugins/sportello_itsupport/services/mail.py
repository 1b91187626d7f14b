"""Email for the help desk, the office's half: what a message means for tickets.

The generic half (the HTTP route receiving raw messages, parsing, threading by Message-ID and
In-Reply-To, attachment storage) belongs to the core's inbound-email module; the office's claim
handler (``services.inbound``) calls ``mail_received`` with the ticket the core threaded the
message to (if any) and the stored attachments. Without a thread, the ticket reference in the
subject (``[IT-000042]``, in every notification's subject) finds the ticket. A message on a
ticket is the requester's when its sender is the requester; the requester's message ends a wait
on them and reopens a resolved or closed ticket. A message on a merged ticket goes to the ticket
it was merged into. Anything else opens a ticket (channel ``email``) for the sender, matched by
address or registered.
"""

from __future__ import annotations

import re
from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import _common
from sportello_itsupport.services._common import settings
from sportello_itsupport.services.lifecycle import requester_wrote
from sportello_itsupport.services.tickets import _write, create_ticket

#: Reply and forward prefixes in the languages of the office
_PREFIX = re.compile(r"^\s*((re|fw|fwd|r|rif|i|inoltro|rv|ΑΠ|ΣΧΕΤ|ΠΡΘ)\s*:\s*)+", re.IGNORECASE)


def reference_in(subject: str) -> int | None:
    """The ticket number a subject names (``[IT-000042]``), if any."""
    prefix = re.escape(settings().reference_prefix)
    found = re.search(rf"\[{prefix}-(\d{{1,9}})\]", subject or "")
    return int(found.group(1)) if found else None


def clean_subject(subject: str) -> str:
    text = re.sub(r"\[[A-Z]{1,8}-\d{1,9}\]", "", subject or "")
    return _PREFIX.sub("", text).strip()[:200] or "(no subject)"


async def _follow(ticket: m.Ticket) -> m.Ticket:
    """A merged ticket's conversation goes on where it was merged."""
    seen = {ticket.id}
    while ticket.status == m.MERGED and ticket.merged_into_id not in (None, *seen):
        target = await m.Ticket.filter(id=ticket.merged_into_id).first()
        if target is None:
            break
        seen.add(target.id)
        ticket = target
    return ticket


async def mail_received(
    *,
    from_address: str,
    from_name: str = "",
    subject: str,
    text: str,
    ticket_id: int | None = None,
    attachments: list[dict[str, Any]] | None = None,
) -> tuple[m.Ticket, bool]:
    """File a message: ``(ticket, opened)``, opened True when it opened a new ticket.
    ``attachments`` (the core's stored files: id, filename, content type, size, stored) are
    listed on the ticket it opens or on the message it adds."""
    files = list(attachments or [])
    actor = api.SYSTEM
    ticket = None
    if ticket_id is not None:
        ticket = await m.Ticket.filter(id=ticket_id).first()
    if ticket is None and (number := reference_in(subject)) is not None:
        ticket = await m.Ticket.filter(number=number).first()
    body = (text or "").strip() or clean_subject(subject)
    async with api.atomic():
        person = await api.find_or_create_person(
            actor, from_name.strip() or from_address, from_address
        )
        if ticket is None:
            opened = await create_ticket(
                actor,
                subject=clean_subject(subject),
                description=body,
                requester_id=person.id,
                channel="email",
            )
            if files:
                await m.Ticket.filter(id=opened.id).update(attachments=files)
                opened.attachments = files
            return opened, True
        ticket = await _follow(ticket)
        requester = person.id == ticket.requester_id
        await m.TicketMessage.create(
            ticket_id=ticket.id,
            body=body,
            author_label=from_address,
            from_requester=requester,
            channel="email",
            attachments=files,
            created_at=_common.now(),
        )
        ticket = await requester_wrote(ticket) if requester else await _write(ticket, {})
        await api.record(actor, "supportTicketMail", ticket, after={"from": from_address})
    return ticket, False
