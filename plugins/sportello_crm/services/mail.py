"""Email and the CRM: inbound messages become interactions (and, by rule, cases), replies to a
case go out threaded to its conversation, and the party's answer comes back to the case.

The core's inbound route (``POST /inbound/email``) parses, stores and threads the message and
asks the offices in turn (``sportello_inbound_mail_handlers``); the CRM claims:

- a message replying to one of its cases (In-Reply-To / References): an inbound email
  interaction on the case, which resumes a case waiting on the party or reopens a resolved
  one;
- any other message: an interaction of the party whose email address sent it (none when
  nobody has that address), and a new case when ``[modules.crm] inbound_creates_case``.
"""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services import cases, contact, notices, routing

CASE_REPLY = api.NotificationKind(
    name="crm.case_reply",
    title="A reply about your request",
    audience="requested",
    channels=("email",),
    params=("ref", "subject", "body"),
    description="An answer written by staff about a case, threaded to the party's email.",
)


def _attachments(message: api.InboundEmail) -> list[dict[str, Any]]:
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


async def _sender(address: str) -> int | None:
    found = await api.PartyModel.filter(email__iexact=address, anonymised_at=None).order_by("id")
    return found[0].id if found else None


async def handle_inbound(
    message: api.InboundEmail, thread: api.MailThread | None
) -> api.MailThread | None:
    """The CRM's claim on inbound email (every message nobody else claimed first)."""
    actor = api.SYSTEM
    if thread is not None and thread.item_type == "case":
        case = await m.Case.filter(id=thread.item_id).first()
        if case is not None:
            await _log(actor, message, case.site_id, case.party_id, case.id)
            await m.Case.filter(id=case.id).update(thread_key=message.message_id)
            return thread
    party_id = await _sender(message.from_address)
    site_id = await c.default_site(actor)
    interaction = await _log(actor, message, site_id, party_id, None)
    if not c.settings().inbound_creates_case:
        return api.MailThread(c.OFFICE, "interaction", interaction.id)
    case = await cases.create(
        actor,
        site_id,
        message.subject or message.text[:80] or message.from_address,
        m.EMAIL,
        party_id=party_id,
        description=message.text,
        interaction_ids=[interaction.id],
        message_id=message.message_id,
    )
    return api.MailThread(c.OFFICE, "case", case.id)


async def _log(
    actor: api.Actor,
    message: api.InboundEmail,
    site_id: int,
    party_id: int | None,
    case_id: int | None,
) -> m.Interaction:
    return await contact.log_interaction(
        actor,
        site_id,
        m.EMAIL,
        party_id=party_id,
        subject=message.subject[:200],
        body=message.text,
        contact=message.from_address,
        occurred_at=message.date,
        case_id=case_id,
        message_id=message.message_id,
        attachments=_attachments(message),
    )


async def reply(
    actor: api.Actor, case_id: int, body: str, *, wait_for_party: bool = False
) -> m.Case:
    """Staff answer the party by email about a case: an outbound interaction, the email
    threaded to the conversation (In-Reply-To the last message), the first response on the
    SLA clock; with ``wait_for_party``, the case then waits on the party."""
    if not c.clean(body):
        raise api.ServiceError("REQUIRED", "core.required", "body")
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        if case.status == m.RESOLVED:
            raise api.ServiceError("INVALID_TRANSITION", "crm.invalid_transition", "id")
        if case.party_id is None:
            raise api.ServiceError("INVALID", "crm.no_requester", "id")
        message_id = api.mail_message_id()
        headers = {"Message-ID": message_id}
        if case.thread_key:
            headers["In-Reply-To"] = f"<{case.thread_key}>"
            headers["References"] = f"<{case.thread_key}>"
        party = await api.PartyModel.get(id=case.party_id)
        await contact.log_interaction(
            actor,
            case.site_id,
            m.EMAIL,
            party_id=case.party_id,
            direction=m.OUTBOUND,
            subject=f"Re: {case.subject}"[:200],
            body=body.strip(),
            contact=party.email or "",
            case_id=case.id,
            message_id=message_id.strip("<>"),
        )
        await api.mail_thread_add(message_id, api.MailThread(c.OFFICE, "case", case.id))
        await m.Case.filter(id=case.id).update(thread_key=message_id.strip("<>"))
        await c.entry(actor, case, m.REPLIED, from_status=case.status, note=body.strip())
        await api.sla_respond(c.OFFICE, c.CASE_ITEM, case.id)
        await api.notify(
            CASE_REPLY.name,
            party_ids=[case.party_id],
            site_id=case.site_id,
            params={"ref": notices.ref(case), "subject": case.subject, "body": body.strip()},
            key=f"crm:case:{case.id}",
            email_headers=headers,
        )
        await api.record(actor, "caseReply", case, after={"reply": True})
        if wait_for_party:
            case = await routing.wait_for_party(actor, case.id, "")
        else:
            case = await m.Case.get(id=case.id)
    return case
