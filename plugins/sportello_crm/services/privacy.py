"""GDPR: a party's interactions and cases, exported and erased."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_crm import models as m


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


async def party_data(party_id: int) -> dict[str, Any]:
    interactions = await m.Interaction.filter(party_id=party_id).order_by("occurred_at", "id")
    cases = await m.Case.filter(party_id=party_id).order_by("created_at", "id")
    return {
        "interactions": [
            {
                "id": i.id,
                "channel": i.channel,
                "direction": i.direction,
                "subject": i.subject,
                "body": i.body,
                "filter_note": i.filter_note,
                "contact": i.contact,
                "occurred_at": _iso(i.occurred_at),
            }
            for i in interactions
        ],
        "cases": [
            {
                "id": k.id,
                "kind": k.kind,
                "subject": k.subject,
                "description": k.description,
                "status": k.status,
                "outcome": k.outcome,
                "created_at": _iso(k.created_at),
                "resolved_at": _iso(k.resolved_at),
            }
            for k in cases
        ],
    }


async def party_erase(party_id: int) -> api.ErasureReport:
    """Blank what the party said and what was said about them; the cases' dates, statuses and
    departments stay (the service's statistics)."""
    async with api.atomic():
        changed = await m.Interaction.filter(party_id=party_id).update(
            subject=api.ERASED, body="", filter_note="", contact=""
        )
        case_ids = list(await m.Case.filter(party_id=party_id).values_list("id", flat=True))
        if case_ids:
            await m.Case.filter(id__in=case_ids).update(
                subject=api.ERASED, description="", outcome=None, thread_key=None
            )
            await m.CaseEntry.filter(case_id__in=case_ids).update(note="")
            await m.Interaction.filter(case_id__in=case_ids).update(
                subject=api.ERASED, body="", filter_note="", contact=""
            )
            for case_id in case_ids:
                await api.notify_erase(f"crm:case:{case_id}")
                await api.notify_erase(f"crm:case:{case_id}:staff")
    erased: tuple[str, ...] = ()
    if changed or case_ids:
        erased = (
            "crm_interaction.subject",
            "crm_interaction.body",
            "crm_interaction.filter_note",
            "crm_interaction.contact",
            "crm_case.subject",
            "crm_case.description",
            "crm_case.outcome",
            "crm_case_entry.note",
        )
    return api.ErasureReport("crm", erased=erased)
