"""Personal data of a requester: the export lists their tickets and what was written on them;
erasure blanks the texts they wrote or that describe their problem, keeping numbers, statuses
and times (the service levels are about the service, not the person)."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import reference

SERVICE_RECORD = "Service-level records of the help desk (times and statuses, no personal text)"


async def party_data(party_id: int) -> dict[str, Any]:
    tickets = await m.Ticket.filter(requester_id=party_id).order_by("number")
    messages: dict[int, list[dict[str, Any]]] = {t.id: [] for t in tickets}
    for row in await m.TicketMessage.filter(ticket_id__in=list(messages), internal=False).order_by(
        "created_at", "id"
    ):
        messages[row.ticket_id].append(
            {
                "at": row.created_at.isoformat(),
                "from_requester": row.from_requester,
                "body": row.body,
                "attachments": [
                    {"filename": a.get("filename", ""), "size": a.get("size", 0)}
                    for a in row.attachments
                ],
            }
        )
    holdings = await m.AssetAssignment.filter(holder_type="Party", holder_id=party_id).order_by(
        "id"
    )
    assets = {a.id: a.tag for a in await m.Asset.filter(id__in={h.asset_id for h in holdings})}
    return {
        "tickets": [
            {
                "reference": reference(t.number),
                "subject": t.subject,
                "description": t.description,
                "attachments": [
                    {"filename": a.get("filename", ""), "size": a.get("size", 0)}
                    for a in t.attachments
                ],
                "status": t.status,
                "created_at": t.created_at.isoformat(),
                "satisfaction": t.satisfaction,
                "messages": messages[t.id],
            }
            for t in tickets
        ],
        "assets": [
            {
                "tag": assets.get(h.asset_id),
                "assigned_at": h.assigned_at.isoformat(),
                "released_at": h.released_at.isoformat() if h.released_at else None,
            }
            for h in holdings
        ],
    }


async def party_erase(party_id: int) -> api.ErasureReport:
    """Anonymise in place (runs in the caller's transaction)."""
    erased: set[str] = set()
    async with api.atomic():
        ids = list(await m.Ticket.filter(requester_id=party_id).values_list("id", flat=True))
        if ids:
            await m.Ticket.filter(id__in=ids).update(
                subject=api.ERASED,
                description=api.ERASED,
                satisfaction_comment="",
                attachments=[],
            )
            erased.update(("itsupport_ticket.subject", "itsupport_ticket.description"))
            # The files' names go too (the core erases the stored files themselves).
            erased.add("itsupport_ticket.attachments")
            if await m.TicketMessage.filter(ticket_id__in=ids).update(
                body=api.ERASED, attachments=[]
            ):
                erased.update(
                    ("itsupport_ticket_message.body", "itsupport_ticket_message.attachments")
                )
    return api.ErasureReport(
        "itsupport",
        erased=tuple(sorted(erased)),
        retained={
            "itsupport_ticket.created_at": SERVICE_RECORD,
            "itsupport_ticket.status": SERVICE_RECORD,
            "itsupport_asset_assignment.holder_id": "Inventory of the organisation's assets",
        },
    )
