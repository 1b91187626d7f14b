"""Parties and sites: the one registry of people and places."""

from __future__ import annotations

import re
from typing import Any

from sportello.identity.audit import record
from sportello.parties.models import ORGANISATION, PERSON, Party, Site
from sportello.privacy import ErasureReport
from sportello.services import Actor, Problem, ServiceError, atomic

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LANGUAGES = ("en", "it", "es", "el")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    problems: list[Problem] = []
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if v is not None}
    if "kind" in out and out["kind"] not in (PERSON, ORGANISATION):
        problems.append(Problem("INVALID", "parties.invalid_kind", "kind"))
    if out.get("email") and not EMAIL.match(out["email"]):
        problems.append(Problem("INVALID", "parties.invalid_email", "email"))
    if out.get("email"):
        out["email"] = out["email"].lower()
    if "preferred_language" in out and out["preferred_language"] not in LANGUAGES:
        problems.append(Problem("INVALID", "parties.invalid_language", "preferredLanguage"))
    if not out.get("display_name"):
        name = " ".join(p for p in (out.get("given_name"), out.get("family_name")) if p)
        if name:
            out["display_name"] = name
    if "display_name" in out and not out["display_name"]:
        problems.append(Problem("REQUIRED", "parties.name_required", "displayName"))
    if len(out.get("display_name", "")) > 200:
        problems.append(Problem("INVALID", "parties.name_too_long", "displayName"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    return out


async def create_party(actor: Actor, **data: Any) -> Party:
    values = _clean(data)
    if "display_name" not in values:
        raise ServiceError("REQUIRED", "parties.name_required", "displayName")
    async with atomic():
        party = await Party.create(**values)
        await record(actor, "partyCreate", party, after=values)
    return party


async def update_party(actor: Actor, party_id: int, **data: Any) -> Party:
    values = _clean(data)
    async with atomic():
        party = await Party.get_or_none(id=party_id)
        if party is None:
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        before = {k: getattr(party, k) for k in values}
        party.update_from_dict(values)
        await party.save(update_fields=[*values, "updated_at"] if values else None)
        await record(actor, "partyUpdate", party, before=before, after=values)
    return party


async def find_or_create_person(actor: Actor, full_name: str, email: str | None = None) -> Party:
    """Match a guest or visitor by email when given, else register a new person."""
    if email:
        existing = await Party.filter(email=email.strip().lower(), anonymised_at=None).first()
        if existing:
            return existing
    given, _, family = full_name.strip().partition(" ")
    return await create_party(
        actor, display_name=full_name, given_name=given, family_name=family, email=email
    )


async def create_site(actor: Actor, code: str, name: str, **data: Any) -> Site:
    code = code.strip().upper()
    problems = []
    if not re.fullmatch(r"[A-Z0-9_-]{1,32}", code):
        problems.append(Problem("INVALID", "parties.invalid_site_code", "code"))
    if not name.strip():
        problems.append(Problem("REQUIRED", "core.required", "name"))
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic():
        if await Site.filter(code=code).exists():
            raise ServiceError("CONFLICT", "parties.site_code_taken", "code")
        site = await Site.create(code=code, name=name.strip(), **data)
        await record(actor, "siteCreate", site, after={"code": code, "name": name})
    return site


PERSONAL_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "email",
    "phone",
    "tax_code",
    "addresses",
    "consents",
)


async def party_personal_data(party_id: int) -> dict[str, Any] | None:
    """The party row itself, for a GDPR export."""
    party = await Party.get_or_none(id=party_id)
    if party is None:
        return None
    data = {name: getattr(party, name) for name in PERSONAL_FIELDS}
    data.update(
        id=party.id,
        kind=party.kind,
        preferred_language=party.preferred_language,
        created_at=party.created_at.isoformat(),
        anonymised_at=party.anonymised_at.isoformat() if party.anonymised_at else None,
    )
    return {"party": data}


async def anonymise_party(party_id: int) -> ErasureReport:
    """Overwrite the party's personal fields in place; the row and its links stay."""
    import datetime as dt

    party = await Party.get_or_none(id=party_id)
    if party is not None:
        party.update_from_dict(
            {
                "display_name": f"Erased party {party.id}",
                "given_name": "",
                "family_name": "",
                "email": None,
                "phone": None,
                "tax_code": None,
                "addresses": [],
                "consents": {},
                "anonymised_at": party.anonymised_at or dt.datetime.now(dt.UTC),
            }
        )
        await party.save()
    return ErasureReport(
        "parties", erased=tuple(f"parties_party.{name}" for name in PERSONAL_FIELDS)
    )
