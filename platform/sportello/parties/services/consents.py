"""Consents are an append-only history with a mutation of their own, not a list replaced with
the party: they must not share the replace-the-list code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sportello.identity.audit import record
from sportello.parties.models import Consent, Party
from sportello.parties.services import _common
from sportello.parties.services._common import _text
from sportello.parties.services.visibility import party_site_ids, require_party
from sportello.services import Actor, Problem, ServiceError, atomic

PURPOSE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
CONSENT_COLUMNS = ("party_id", "purpose", "granted", "at", "source")


def _clean_consents(
    items: Iterable[Mapping[str, Any]], prefix: str | None, problems: list[Problem]
) -> list[dict[str, Any]]:
    """``prefix``: ``consents`` for a list input (paths ``consents.1.purpose``), None for the
    fields of one input (``purpose``)."""
    out = []
    for i, item in enumerate(items):
        at = "" if prefix is None else f"{prefix}.{i}."
        purpose = _text(item.get("purpose")).lower()
        if not purpose:
            problems.append(Problem("REQUIRED", "core.required", f"{at}purpose"))
        elif not PURPOSE.match(purpose):
            problems.append(Problem("INVALID", "parties.invalid_purpose", f"{at}purpose"))
        source = _text(item.get("source"))
        if len(source) > 200:
            problems.append(Problem("INVALID", "parties.too_long", f"{at}source", {"max": 200}))
        if item.get("granted") is None:
            problems.append(Problem("REQUIRED", "core.required", f"{at}granted"))
        out.append({"purpose": purpose, "granted": bool(item.get("granted")), "source": source})
    return out


def current_consents(history: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The latest entry per purpose (``history`` oldest first), by purpose."""
    latest: dict[str, Mapping[str, Any]] = {}
    for entry in history:
        latest[entry["purpose"]] = entry
    return [dict(latest[p]) for p in sorted(latest)]


async def consenting_parties(party_ids: Iterable[int], purpose: str) -> set[int]:
    """The parties among ``party_ids`` whose latest word on ``purpose`` is yes, in one query:
    a party never asked has not consented."""
    ids = sorted(set(party_ids))
    if not ids:
        return set()
    rows = await (
        Consent.filter(party_id__in=ids, purpose=purpose)
        .order_by("party_id", "at", "id")
        .values_list("party_id", "granted")
    )
    latest = dict(rows)  # the last row per party wins
    return {party_id for party_id, granted in latest.items() if granted}


async def consent_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        Consent.filter(party_id__in=party_ids)
        .order_by("party_id", "at", "id")
        .values(*CONSENT_COLUMNS)
    )


async def _append_consents(party: Party, items: list[dict[str, Any]]) -> list[Consent]:
    at = _common.now()
    return [await Consent.create(party_id=party.id, at=at, **item) for item in items]


async def set_consent(
    actor: Actor, party_id: int, purpose: str, granted: bool | None, source: str = ""
) -> tuple[Party, Consent]:
    """Append a consent given or withdrawn; the latest per purpose is the current state."""
    problems: list[Problem] = []
    [item] = _clean_consents(
        [{"purpose": purpose, "granted": granted, "source": source}], None, problems
    )
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic():
        # Locked like partyUpdate: an erasure running meanwhile finishes first.
        party = await require_party(actor, party_id, "partyId", lock=True)
        if party.anonymised_at is not None:
            raise ServiceError("CONFLICT", "parties.party_erased", "partyId")
        [consent] = await _append_consents(party, [item])
        sites = (await party_site_ids([party.id])).get(party.id, set())
        await record(
            actor,
            "partyConsentSet",
            party,
            after={**item, "at": consent.at.isoformat()},
            site_ids=sites,
        )
    return party, consent
