"""Sites are places, not people: codes, time zones and the owning organisation follow rules of
their own, and no party list touches them."""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from sportello.identity.audit import record
from sportello.parties.models import ORGANISATION, Party, Site
from sportello.parties.services.visibility import link_party_to_site, require_party
from sportello.services import Actor, Problem, ServiceError, atomic

SITE_FIELDS = ("name", "kind", "address", "timezone", "organisation_id")
SITE_LIMITS = {"name": 200, "kind": 32, "address": 300}


async def create_site(
    actor: Actor, code: str, name: str, organisation_id: int | None = None, **data: Any
) -> Site:
    if actor.site_ids is not None:
        # A site-bound caller could not even see the site it made: creating sites is a right
        # over every site.
        raise ServiceError("FORBIDDEN", "parties.site_create_all_sites", "code")
    code = code.strip().upper()
    problems = []
    if not re.fullmatch(r"[A-Z0-9_-]{1,32}", code):
        problems.append(Problem("INVALID", "parties.invalid_site_code", "code"))
    if not name.strip():
        problems.append(Problem("REQUIRED", "core.required", "name"))
    _check_site_fields({"name": name, **data}, problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic():
        if organisation_id is not None:
            await _organisation(actor, organisation_id)
        if await Site.filter(code=code).exists():
            raise ServiceError("CONFLICT", "parties.site_code_taken", "code")
        site = await Site.create(
            code=code, name=name.strip(), organisation_id=organisation_id, **data
        )
        if organisation_id is not None:  # the owner is known at its site
            await link_party_to_site(organisation_id, site.id)
        await record(
            actor,
            "siteCreate",
            site,
            after={"code": code, "name": name, "organisation_id": organisation_id},
            site_id=site.id,
        )
    return site


async def update_site(actor: Actor, site_id: int, **changes: Any) -> Site:
    """Change a site's name, kind, address, time zone or organisation (its code stays)."""
    changes = {k: v for k, v in changes.items() if v is not None}
    problems = []
    if "name" in changes:
        changes["name"] = changes["name"].strip()
        if not changes["name"]:
            problems.append(Problem("REQUIRED", "core.required", "name"))
    _check_site_fields(changes, problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    async with atomic():
        site = await Site.filter(id=site_id).select_for_update().first()
        if site is None or not actor.may_see_site(site.id):
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        if changes.get("organisation_id") is not None:
            await _organisation(actor, changes["organisation_id"])
            await link_party_to_site(changes["organisation_id"], site.id)
        before = {f: getattr(site, f) for f in SITE_FIELDS}
        for key, value in changes.items():
            setattr(site, key, value)
        after = {f: getattr(site, f) for f in SITE_FIELDS}
        changed = [f for f in SITE_FIELDS if before[f] != after[f]]
        if changed:
            await site.save(update_fields=changed)
            await record(
                actor,
                "siteUpdate",
                site,
                before={f: before[f] for f in changed},
                after={f: after[f] for f in changed},
                site_id=site.id,
            )
    return site


async def _organisation(actor: Actor, party_id: int) -> Party:
    org = await require_party(actor, party_id, "organisationId")
    if org.kind != ORGANISATION or org.anonymised_at is not None:
        raise ServiceError("NOT_AN_ORGANISATION", "parties.not_an_organisation", "organisationId")
    return org


def _check_site_fields(values: dict[str, Any], problems: list[Problem]) -> None:
    for key, limit in SITE_LIMITS.items():
        if len(str(values.get(key) or "").strip()) > limit:
            problems.append(Problem("INVALID", "parties.too_long", key, {"max": limit}))
    if "timezone" in values and not _known_zone(values["timezone"]):
        problems.append(Problem("INVALID", "parties.invalid_timezone", "timezone"))


def _known_zone(name: Any) -> bool:
    try:
        zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
