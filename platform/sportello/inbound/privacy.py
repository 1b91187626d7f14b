"""GDPR: the inbound email a party sent (matched by their email address)."""

from __future__ import annotations

from typing import Any

from sportello.contract import ErasureReport
from sportello.inbound import models
from sportello.parties.models import Party
from sportello.privacy import ERASED
from sportello.services import atomic


async def _address(party_id: int) -> str | None:
    party = await Party.filter(id=party_id).first()
    return party.email.lower() if party is not None and party.email else None


async def party_data(party_id: int) -> dict[str, Any]:
    address = await _address(party_id)
    if address is None:
        return {"messages": []}
    rows = await models.InboundMessage.filter(from_address=address).order_by("id")
    files = await models.InboundAttachment.filter(message_id__in=[r.id for r in rows]).values(
        "message_id", "filename", "content_type", "size"
    )
    return {
        "messages": [
            {
                "message_id": r.message_id,
                "from": r.from_address,
                "name": r.from_name,
                "subject": r.subject,
                "received_at": r.received_at.isoformat(),
                "attachments": [
                    {k: f[k] for k in ("filename", "content_type", "size")}
                    for f in files
                    if f["message_id"] == r.id
                ],
            }
            for r in rows
        ]
    }


async def party_erase(party_id: int) -> ErasureReport:
    """The sender's address, name, subjects and files go; that a message came, when, and which
    office filed it stay (the thread keeps working on the offices' side)."""
    address = await _address(party_id)
    if address is None:
        return ErasureReport("inbound")
    async with atomic():
        ids = list(
            await models.InboundMessage.filter(from_address=address).values_list("id", flat=True)
        )
        if not ids:
            return ErasureReport("inbound")
        await models.InboundMessage.filter(id__in=ids).update(
            from_address=ERASED, from_name="", subject=ERASED
        )
        await models.InboundAttachment.filter(message_id__in=ids).update(
            filename=ERASED, content=None
        )
    return ErasureReport(
        "inbound",
        erased=(
            "inbound_message.from_address",
            "inbound_message.from_name",
            "inbound_message.subject",
            "inbound_attachment.filename",
            "inbound_attachment.content",
        ),
    )
