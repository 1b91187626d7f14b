"""Parties that may be the same person: same email, phone or tax code, or a name that reads
alike (rapidfuzz's token sort ratio, so "Rossi Maria" matches "Maria Rossi"). Only parties the
caller may see are compared; the database narrows the candidates first (indexed columns and a
name prefix), the library scores them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from tortoise.expressions import Q

from sportello import api

#: The lowest name similarity (0-100) reported.
NAME_THRESHOLD = 85
#: The most candidates read from the database for one party.
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Candidate:
    party_id: int
    score: int
    reasons: tuple[str, ...]


def _digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")[-9:]


async def candidates(actor: api.Actor, party_id: int, limit: int = 10) -> list[Candidate]:
    target = await api.PartyModel.filter(
        id=party_id, anonymised_at=None, merged_into_id=None
    ).first()
    if target is None or not await api.may_see_party(actor, party_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    wide = (
        Q(display_name__istartswith=target.display_name.split()[0][:3])
        if target.display_name.split()
        else Q(id=0)
    )
    for token in target.display_name.split()[1:2]:
        wide |= Q(display_name__icontains=token)
    if target.email:
        wide |= Q(email__iexact=target.email)
    if target.tax_code:
        wide |= Q(tax_code__iexact=target.tax_code)
    if target.phone:
        wide |= Q(phone__icontains=_digits(target.phone))
    qs = api.visible_parties(
        api.PartyModel.filter(wide, anonymised_at=None, merged_into_id=None).exclude(id=party_id),
        actor,
    )
    found: list[Candidate] = []
    for other in await qs.limit(MAX_CANDIDATES):
        reasons: list[str] = []
        score = 0
        if target.email and other.email and target.email.lower() == other.email.lower():
            reasons.append("email")
            score = 100
        if target.tax_code and other.tax_code and target.tax_code.upper() == other.tax_code.upper():
            reasons.append("tax_code")
            score = 100
        if _digits(target.phone) and _digits(target.phone) == _digits(other.phone):
            reasons.append("phone")
            score = max(score, 95)
        similar = int(
            fuzz.token_sort_ratio(target.display_name.lower(), other.display_name.lower())
        )
        if similar >= NAME_THRESHOLD:
            reasons.append("name")
            score = max(score, similar)
        if reasons:
            found.append(Candidate(other.id, score, tuple(reasons)))
    found.sort(key=lambda c: (-c.score, c.party_id))
    return found[:limit]
