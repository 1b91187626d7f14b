"""Parties and sites: the one registry of people and places.

A party's emails and phones are ``ContactPoint`` rows (one primary per channel, copied into
``Party.email`` / ``Party.phone`` so that every office reading those columns keeps working),
its postal addresses ``Address`` rows (one primary) and its consents an append-only
``Consent`` history whose latest entry per purpose is the current state.

Lists given to ``create_party`` / ``update_party`` (``emails``, ``phones``, ``addresses``)
replace the party's whole list; the scalar ``email`` / ``phone`` (the older API) set the
primary one. Updates lock the party row, so two clerks saving the same party at once leave
one of their lists, never a mix of both.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from typing import Any

from tortoise.expressions import Q, Subquery

from sportello.contract import ErasureReport
from sportello.identity.audit import record
from sportello.parties import models
from sportello.parties.models import (
    ORGANISATION,
    PERSON,
    Address,
    Consent,
    ContactPoint,
    Party,
    Site,
)
from sportello.parties.validation import (
    EMAIL as EMAIL,  # the address pattern, imported from here by identity
)
from sportello.parties.validation import (
    normalise_country,
    normalise_email,
    normalise_phone,
    normalise_tax_code,
    phone_digits,
)
from sportello.services import Actor, Problem, ServiceError, atomic

LANGUAGES = ("en", "it", "es", "el")
#: The channels of ContactPoint (``EMAIL`` is the address pattern).
EMAIL_CHANNEL, PHONE = models.EMAIL, models.PHONE
CONTACT_KINDS = ("work", "home", "mobile", "other")
ADDRESS_KINDS = ("home", "work", "billing", "delivery", "registered", "other")
#: How many emails, phones or addresses one party may have.
MAX_ITEMS = 20
PURPOSE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
SCALARS = (
    "kind",
    "display_name",
    "given_name",
    "family_name",
    "legal_name",
    "tax_code",
    "preferred_language",
)
#: The GraphQL input field of each channel's list and of its legacy scalar.
LIST_FIELD = {EMAIL_CHANNEL: "emails", PHONE: "phones"}
ADDRESS_LIMITS = {"line1": 200, "line2": 200, "postcode": 20, "city": 100, "region": 100}
POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{1,18}[A-Z0-9]$")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- validation -------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _kind(value: Any) -> str:
    """Enum members from GraphQL, plain strings from other callers."""
    value = getattr(value, "value", value)
    return _text(value).lower()


def _clean_names(
    data: Mapping[str, Any], kind: str, problems: list[Problem], creating: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SCALARS:
        if name in data and data[name] is not None:
            value = data[name]
            value = getattr(value, "value", value)
            out[name] = value.strip() if isinstance(value, str) else value
    if "kind" in out and out["kind"] not in (PERSON, ORGANISATION):
        problems.append(Problem("INVALID", "parties.invalid_kind", "kind"))
    if "legal_name" in out:
        if kind != ORGANISATION and out["legal_name"]:
            problems.append(Problem("INVALID", "parties.legal_name_person", "legalName"))
        if len(out["legal_name"]) > 200:
            problems.append(Problem("INVALID", "parties.name_too_long", "legalName"))
        out["legal_name"] = out["legal_name"] or None
    for name, field in (("given_name", "givenName"), ("family_name", "familyName")):
        if len(out.get(name) or "") > 100:
            problems.append(Problem("INVALID", "parties.name_too_long_100", field))
    if "preferred_language" in out and out["preferred_language"] not in LANGUAGES:
        problems.append(Problem("INVALID", "parties.invalid_language", "preferredLanguage"))
    if "tax_code" in out:
        if out["tax_code"]:
            code = normalise_tax_code(out["tax_code"])
            if code is None:
                problems.append(Problem("INVALID", "parties.invalid_tax_code", "taxCode"))
            out["tax_code"] = code
        else:
            out["tax_code"] = None
    if creating and not out.get("display_name"):
        if kind == ORGANISATION and out.get("legal_name"):
            out["display_name"] = out["legal_name"]
        else:
            name = " ".join(p for p in (out.get("given_name"), out.get("family_name")) if p)
            if name:
                out["display_name"] = name
    if "display_name" in out and not out["display_name"]:
        problems.append(Problem("REQUIRED", "parties.name_required", "displayName"))
    if len(out.get("display_name") or "") > 200:
        problems.append(Problem("INVALID", "parties.name_too_long", "displayName"))
    if creating and "display_name" not in out:
        problems.append(Problem("REQUIRED", "parties.name_required", "displayName"))
    return out


def _one_primary(items: list[dict[str, Any]], field: str, problems: list[Problem]) -> None:
    """At most one item marked primary; none marked: the first one is."""
    marked = [i for i, item in enumerate(items) if item["primary"]]
    for i in marked[1:]:
        problems.append(
            Problem("MULTIPLE_PRIMARY", "parties.multiple_primary", f"{field}.{i}.primary")
        )
    if items and not marked:
        items[0]["primary"] = True


def _clean_contacts(
    items: Iterable[Mapping[str, Any]], channel: str, country: str | None, problems: list[Problem]
) -> list[dict[str, Any]]:
    field = LIST_FIELD[channel]
    items = list(items)
    if len(items) > MAX_ITEMS:
        problems.append(Problem("INVALID", "parties.too_many", field, {"max": MAX_ITEMS}))
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"{field}.{i}"
        kind = _kind(item.get("kind")) or "other"
        if kind not in CONTACT_KINDS:
            problems.append(Problem("INVALID", "parties.invalid_contact_kind", f"{path}.kind"))
        raw = _text(item.get("value"))
        value: str | None = None
        if not raw:
            problems.append(Problem("REQUIRED", "core.required", f"{path}.value"))
        else:
            value = _normalise(channel, raw, country)
            if value is None:
                problems.append(Problem("INVALID", f"parties.invalid_{channel}", f"{path}.value"))
            elif value in seen:
                problems.append(Problem("DUPLICATE", "parties.duplicate_value", f"{path}.value"))
            else:
                seen.add(value)
        out.append({"kind": kind, "value": value or raw, "primary": bool(item.get("primary"))})
    _one_primary(out, field, problems)
    return out


def _normalise(channel: str, raw: str, country: str | None) -> str | None:
    return normalise_email(raw) if channel == EMAIL_CHANNEL else normalise_phone(raw, country)


def _set_primary(
    current: list[dict[str, Any]],
    channel: str,
    raw: str,
    country: str | None,
    problems: list[Problem],
) -> list[dict[str, Any]]:
    """The older scalar API: ``email``/``phone`` replaces the primary one ("" removes it)."""
    items = [dict(c) for c in current]
    raw = raw.strip()
    if not raw:
        items = [c for c in items if not c["primary"]]
        if items:
            items[0]["primary"] = True
        return items
    value = _normalise(channel, raw, country)
    if value is None:
        problems.append(Problem("INVALID", f"parties.invalid_{channel}", channel))
        return current
    items = [c for c in items if c["primary"] or c["value"] != value]
    primary = next((c for c in items if c["primary"]), None)
    if primary is None:
        items.insert(0, {"kind": "other", "value": value, "primary": True})
    else:
        primary["value"] = value
    return items


def _clean_addresses(
    items: Iterable[Mapping[str, Any]], problems: list[Problem]
) -> list[dict[str, Any]]:
    items = list(items)
    if len(items) > MAX_ITEMS:
        problems.append(Problem("INVALID", "parties.too_many", "addresses", {"max": MAX_ITEMS}))
    out: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        path = f"addresses.{i}"
        kind = _kind(item.get("kind")) or "other"
        if kind not in ADDRESS_KINDS:
            problems.append(Problem("INVALID", "parties.invalid_address_kind", f"{path}.kind"))
        clean = {name: _text(item.get(name)) for name in ADDRESS_LIMITS}
        if not clean["line1"]:  # ``street``: the name older clients used
            clean["line1"] = _text(item.get("street"))
        if not clean["line1"]:
            problems.append(Problem("REQUIRED", "core.required", f"{path}.line1"))
        for name, limit in ADDRESS_LIMITS.items():
            if len(clean[name]) > limit:
                problems.append(
                    Problem("INVALID", "parties.too_long", f"{path}.{name}", {"max": limit})
                )
        if clean["postcode"]:
            clean["postcode"] = re.sub(r"\s+", " ", clean["postcode"].upper())
            if not POSTCODE.match(clean["postcode"]):
                problems.append(Problem("INVALID", "parties.invalid_postcode", f"{path}.postcode"))
        country = _text(item.get("country"))
        code = normalise_country(country) if country else None
        if country and code is None:
            problems.append(Problem("INVALID", "parties.invalid_country", f"{path}.country"))
        out.append({"kind": kind, **clean, "country": code, "primary": bool(item.get("primary"))})
    _one_primary(out, "addresses", problems)
    return out


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


def _primary_country(addresses: list[dict[str, Any]]) -> str | None:
    primary = next((a for a in addresses if a["primary"]), None)
    return primary["country"] if primary else None


# --- reading the current lists ----------------------------------------------------------


def contacts_of(
    party: Any, rows: Iterable[Mapping[str, Any]], channel: str
) -> list[dict[str, Any]]:
    """A channel's contact points (``rows`` of ContactPoint values, in order), erased ones
    left out. A party written by an office straight into ``Party.email`` (no contact point
    yet) shows that value as its primary one."""
    items = [
        {"kind": r["kind"], "value": r["value"], "primary": bool(r["is_primary"])}
        for r in rows
        if r["channel"] == channel and r["value"]
    ]
    column = getattr(party, channel, None)
    if column and not any(i["primary"] for i in items):
        items = [i for i in items if i["value"] != column]
        items.insert(0, {"kind": "other", "value": column, "primary": True})
    return items


def addresses_of(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "kind": r["kind"],
            **{name: r[name] for name in ADDRESS_LIMITS},
            "country": r["country"],
            "primary": bool(r["is_primary"]),
        }
        for r in rows
        if r["country"] or any(r[name] for name in ADDRESS_LIMITS)  # erased: all blank
    ]


def current_consents(history: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The latest entry per purpose (``history`` oldest first), by purpose."""
    latest: dict[str, Mapping[str, Any]] = {}
    for entry in history:
        latest[entry["purpose"]] = entry
    return [dict(latest[p]) for p in sorted(latest)]


CONTACT_COLUMNS = ("party_id", "channel", "kind", "value", "is_primary")
ADDRESS_COLUMNS = ("party_id", "kind", *ADDRESS_LIMITS, "country", "is_primary")
CONSENT_COLUMNS = ("party_id", "purpose", "granted", "at", "source")


async def contact_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        ContactPoint.filter(party_id__in=party_ids)
        .order_by("party_id", "channel", "position", "id")
        .values(*CONTACT_COLUMNS)
    )


async def address_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        Address.filter(party_id__in=party_ids)
        .order_by("party_id", "position", "id")
        .values(*ADDRESS_COLUMNS)
    )


async def consent_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        Consent.filter(party_id__in=party_ids)
        .order_by("party_id", "at", "id")
        .values(*CONSENT_COLUMNS)
    )


async def party_details(party: Party) -> dict[str, Any]:
    """Emails, phones and addresses of one party, as the API shows them."""
    contacts = await contact_rows([party.id])
    return {
        "emails": contacts_of(party, contacts, EMAIL_CHANNEL),
        "phones": contacts_of(party, contacts, PHONE),
        "addresses": addresses_of(await address_rows([party.id])),
    }


# --- writing ----------------------------------------------------------------------------


async def _replace_contacts(
    party: Party, channel: str, items: list[dict[str, Any]], *, new: bool = False
) -> None:
    """The party's whole list for one channel; ``Party.email``/``phone`` follow its primary."""
    if not new:
        await ContactPoint.filter(party_id=party.id, channel=channel).delete()
    if items:
        await ContactPoint.bulk_create(
            [
                ContactPoint(
                    party_id=party.id,
                    channel=channel,
                    kind=c["kind"],
                    value=c["value"],
                    is_primary=c["primary"],
                    position=i,
                )
                for i, c in enumerate(items)
            ]
        )
    setattr(party, channel, _primary_value(items))


def _primary_value(items: list[dict[str, Any]]) -> str | None:
    return next((c["value"] for c in items if c["primary"]), None)


async def _replace_addresses(
    party: Party, items: list[dict[str, Any]], *, new: bool = False
) -> None:
    if not new:
        await Address.filter(party_id=party.id).delete()
    if items:
        await Address.bulk_create(
            [
                Address(
                    party_id=party.id,
                    kind=a["kind"],
                    **{name: a[name] for name in ADDRESS_LIMITS},
                    country=a["country"],
                    is_primary=a["primary"],
                    position=i,
                )
                for i, a in enumerate(items)
            ]
        )


async def _append_consents(party: Party, items: list[dict[str, Any]]) -> list[Consent]:
    at = now()
    return [await Consent.create(party_id=party.id, at=at, **item) for item in items]


def _lists(
    data: Mapping[str, Any],
    current: Mapping[str, list[dict[str, Any]]],
    problems: list[Problem],
) -> dict[str, list[dict[str, Any]]]:
    """The lists this change sets (absent: unchanged), validated."""
    out: dict[str, list[dict[str, Any]]] = {}
    if data.get("addresses") is not None:
        out["addresses"] = _clean_addresses(data["addresses"], problems)
    country = _primary_country(out.get("addresses", current.get("addresses", [])))
    for channel in (EMAIL_CHANNEL, PHONE):
        field = LIST_FIELD[channel]
        if data.get(field) is not None:
            if data.get(channel) is not None:
                problems.append(
                    Problem("INVALID", "parties.scalar_and_list", channel, {"list": field})
                )
            out[field] = _clean_contacts(data[field], channel, country, problems)
        elif data.get(channel) is not None:
            out[field] = _set_primary(
                current.get(field, []), channel, data[channel], country, problems
            )
    return out


async def create_party(actor: Actor, **data: Any) -> Party:
    """Register a person or an organisation. ``emails``/``phones``/``addresses`` are lists of
    mappings; ``email``/``phone`` a single primary value; ``consents`` the consents given at
    registration (``purpose``, ``granted``, ``source``)."""
    problems: list[Problem] = []
    kind = getattr(data.get("kind"), "value", data.get("kind")) or PERSON
    values = _clean_names(data, kind, problems, creating=True)
    lists = _lists(data, {}, problems)
    consents = _clean_consents(data.get("consents") or (), "consents", problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    for channel in (EMAIL_CHANNEL, PHONE):
        if LIST_FIELD[channel] in lists:
            values[channel] = _primary_value(lists[LIST_FIELD[channel]])
    async with atomic():
        party = await Party.create(**values)
        for channel in (EMAIL_CHANNEL, PHONE):
            if LIST_FIELD[channel] in lists:
                await _replace_contacts(party, channel, lists[LIST_FIELD[channel]], new=True)
        if "addresses" in lists:
            await _replace_addresses(party, lists["addresses"], new=True)
        await _append_consents(party, consents)
        after = {**values, **lists}
        if consents:
            after["consents"] = consents
        await record(actor, "partyCreate", party, after=after)
    return party


async def update_party(actor: Actor, party_id: int, **data: Any) -> Party:
    """Change what is given; a list given replaces the party's whole list."""
    async with atomic():
        party = await Party.filter(id=party_id).select_for_update().first()
        if party is None:
            raise ServiceError("NOT_FOUND", "core.not_found", "id")
        if party.anonymised_at is not None:
            raise ServiceError("CONFLICT", "parties.party_erased", "id")
        problems: list[Problem] = []
        values = _clean_names(data, party.kind, problems, creating=False)
        values.pop("kind", None)
        current = await party_details(party)
        lists = _lists(data, current, problems)
        if problems:
            raise ServiceError("INVALID", problems=problems)
        before: dict[str, Any] = {k: getattr(party, k) for k in values}
        before.update({k: current[k] for k in lists})
        party.update_from_dict(values)
        for channel in (EMAIL_CHANNEL, PHONE):
            field = LIST_FIELD[channel]
            if field in lists:
                before[channel] = getattr(party, channel)
                await _replace_contacts(party, channel, lists[field])
                values[channel] = getattr(party, channel)
        if "addresses" in lists:
            await _replace_addresses(party, lists["addresses"])
        await party.save(update_fields=[*values, "updated_at"])
        await record(actor, "partyUpdate", party, before=before, after={**values, **lists})
    return party


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
        party = await Party.filter(id=party_id).select_for_update().first()
        if party is None:
            raise ServiceError("NOT_FOUND", "core.not_found", "partyId")
        if party.anonymised_at is not None:
            raise ServiceError("CONFLICT", "parties.party_erased", "partyId")
        [consent] = await _append_consents(party, [item])
        await record(actor, "partyConsentSet", party, after={**item, "at": consent.at.isoformat()})
    return party, consent


def email_match(email: str) -> Q:
    """Parties holding ``email`` (already normalised) as any of their emails."""
    holders = ContactPoint.filter(channel=EMAIL_CHANNEL, value=email).values("party_id")
    return Q(email=email) | Q(id__in=Subquery(holders))


def search_condition(term: str) -> Q:
    """Parties whose name, legal name, tax code, any email or any phone holds ``term``: one
    condition (a subquery on the contact points), so a page stays one query."""
    term = term.strip()
    cond = (
        Q(display_name__icontains=term)
        | Q(legal_name__icontains=term)
        | Q(email__icontains=term.lower())
        | Q(phone__icontains=term)
    )
    code = re.sub(r"\s+", "", term).upper()
    if code:
        cond |= Q(tax_code__contains=code)
    points = Q(value__icontains=term.lower())
    digits = phone_digits(term)
    if digits:
        points |= Q(channel=PHONE, value__contains=digits)
    holders = ContactPoint.filter(points).values("party_id")
    return cond | Q(id__in=Subquery(holders))


async def find_or_create_person(actor: Actor, full_name: str, email: str | None = None) -> Party:
    """Match a guest or visitor by any of their emails when given, else register a person."""
    if email:
        normal = normalise_email(email)
        if normal:
            existing = (
                await Party.filter(email_match(normal), anonymised_at=None).order_by("id").first()
            )
            if existing:
                return existing
    given, _, family = full_name.strip().partition(" ")
    return await create_party(
        actor, display_name=full_name, given_name=given, family_name=family, email=email
    )


async def create_site(
    actor: Actor, code: str, name: str, organisation_id: int | None = None, **data: Any
) -> Site:
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
            await _organisation(organisation_id)
        if await Site.filter(code=code).exists():
            raise ServiceError("CONFLICT", "parties.site_code_taken", "code")
        site = await Site.create(
            code=code, name=name.strip(), organisation_id=organisation_id, **data
        )
        await record(
            actor,
            "siteCreate",
            site,
            after={"code": code, "name": name, "organisation_id": organisation_id},
        )
    return site


SITE_FIELDS = ("name", "kind", "address", "timezone", "organisation_id")


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
        if "organisation_id" in changes:
            await _organisation(changes["organisation_id"])
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


async def _organisation(party_id: int) -> Party:
    org = await Party.get_or_none(id=party_id)
    if org is None:
        raise ServiceError("NOT_FOUND", "core.not_found", "organisationId")
    if org.kind != ORGANISATION or org.anonymised_at is not None:
        raise ServiceError("NOT_AN_ORGANISATION", "parties.not_an_organisation", "organisationId")
    return org


SITE_LIMITS = {"name": 200, "kind": 32, "address": 300}


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


# --- personal data (GDPR) ---------------------------------------------------------------

PERSONAL_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "legal_name",
    "email",
    "phone",
    "tax_code",
    "addresses",
    "consents",
)
ERASED_COLUMNS = (
    *(f"parties_party.{name}" for name in PERSONAL_FIELDS),
    "parties_contact_point.value",
    *(f"parties_address.{name}" for name in (*ADDRESS_LIMITS, "country")),
    "parties_consent.source",
)


async def party_personal_data(party_id: int) -> dict[str, Any] | None:
    """The party row, its contact points, addresses and consent history, for a GDPR export."""
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
    details = await party_details(party)
    history = [
        {
            "purpose": r["purpose"],
            "granted": r["granted"],
            "at": r["at"].isoformat(),
            "source": r["source"],
        }
        for r in await consent_rows([party.id])
    ]
    data.update(details, consents=current_consents(history), consent_history=history)
    # Untyped values an office wrote straight into the old JSON columns, if any.
    if party.addresses:
        data["legacy_addresses"] = party.addresses
    if party.consents:
        data["legacy_consents"] = party.consents
    sites = await Site.filter(organisation_id=party_id).order_by("id").values("code", "name")
    out: dict[str, Any] = {"party": data}
    if sites:
        out["sites"] = sites
    return out


async def personal_identifiers(party_id: int) -> tuple[set[str], set[str]]:
    """Strong identifiers of a party (names, every email and phone, tax code, street lines)
    and weak ones (given and family name): what erasure looks for in copies elsewhere.

    Cities, countries and kinds are left out on purpose: a word such as ``home`` or ``Rome``
    is no identifier, and scrubbing every copy of it would damage other people's records.
    """
    party = await Party.get_or_none(id=party_id)
    if party is None:
        return set(), set()
    details = await party_details(party)
    values = [party.email, party.phone, party.tax_code, party.display_name, party.legal_name]
    values += [c["value"] for c in (*details["emails"], *details["phones"])]
    values += [a[name] for a in details["addresses"] for name in ("line1", "line2")]
    values += _legacy_strings(party.addresses)
    strong = {v for v in values if isinstance(v, str) and len(v.strip()) >= 3}
    weak = {v for v in (party.given_name, party.family_name) if v and len(v.strip()) >= 2}
    return strong, weak - strong


def _legacy_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _legacy_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _legacy_strings(v)]
    return []


async def anonymise_party(party_id: int) -> ErasureReport:
    """Overwrite the party's personal values in place; rows and links stay (the books need
    them). Consent history keeps what was agreed and when, not how (``source``)."""
    party = await Party.get_or_none(id=party_id)
    if party is not None:
        party.update_from_dict(
            {
                "display_name": f"Erased party {party.id}",
                "given_name": "",
                "family_name": "",
                "legal_name": None,
                "email": None,
                "phone": None,
                "tax_code": None,
                "addresses": [],
                "consents": {},
                "anonymised_at": party.anonymised_at or now(),
            }
        )
        await party.save()
        await ContactPoint.filter(party_id=party_id).update(value="")
        await Address.filter(party_id=party_id).update(
            line1="", line2="", postcode="", city="", region="", country=None
        )
        await Consent.filter(party_id=party_id).update(source="")
    return ErasureReport("parties", erased=ERASED_COLUMNS)
