"""The party write sets names and every list together under one row lock: kept apart from the
list modules so that they stay free of party-level rules (kinds, names, erased parties)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import writes
from sportello.identity.audit import record
from sportello.parties.models import ORGANISATION, PERSON, Party
from sportello.parties.services._common import EMAIL_CHANNEL, LIST_FIELD, PHONE
from sportello.parties.services.addresses import (
    _clean_addresses,
    _primary_country,
    _replace_addresses,
    address_rows,
    addresses_of,
)
from sportello.parties.services.consents import _append_consents, _clean_consents
from sportello.parties.services.contacts import (
    _clean_contacts,
    _primary_value,
    _replace_contacts,
    _set_primary,
    contact_rows,
    contacts_of,
)
from sportello.parties.services.search import email_match
from sportello.parties.services.visibility import (
    link_party_to_site,
    party_site_ids,
    require_party,
    visible_parties,
)
from sportello.parties.validation import normalise_email, normalise_tax_code
from sportello.services import Actor, Problem, ServiceError, atomic

LANGUAGES = ("en", "it", "es", "el")
SCALARS = (
    "kind",
    "display_name",
    "given_name",
    "family_name",
    "legal_name",
    "tax_code",
    "preferred_language",
)


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


async def party_details(party: Party) -> dict[str, Any]:
    """Emails, phones and addresses of one party, as the API shows them."""
    contacts = await contact_rows([party.id])
    return {
        "emails": contacts_of(party, contacts, EMAIL_CHANNEL),
        "phones": contacts_of(party, contacts, PHONE),
        "addresses": addresses_of(await address_rows([party.id])),
    }


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


async def create_party(
    actor: Actor, *, site_ids: Iterable[int] | None = None, **data: Any
) -> Party:
    """Register a person or an organisation. ``emails``/``phones``/``addresses`` are lists of
    mappings; ``email``/``phone`` a single primary value; ``consents`` the consents given at
    registration (``purpose``, ``granted``, ``source``).

    The party is linked to ``site_ids`` (each one the actor's), by default to every site of a
    site-bound actor (an actor with every site links it nowhere: only such actors see it)."""
    problems: list[Problem] = []
    sites = _sites_for(actor, site_ids, problems)
    kind = getattr(data.get("kind"), "value", data.get("kind")) or PERSON
    values = _clean_names(data, kind, problems, creating=True)
    lists = _lists(data, {}, problems)
    consents = _clean_consents(data.get("consents") or (), "consents", problems)
    if problems:
        raise ServiceError("INVALID", problems=problems)
    for channel in (EMAIL_CHANNEL, PHONE):
        if LIST_FIELD[channel] in lists:
            values[channel] = _primary_value(lists[LIST_FIELD[channel]])
    try:
        async with atomic():
            party = await _insert_linked(Party(**values), sites)
            await _complete(actor, party, values, lists, consents, sites)
    except IntegrityError as exc:
        # A site that does not exist: its link's foreign key (checked by the database rather
        # than by a read first); the transaction, or the caller's savepoint, rolled back.
        if "parties_party_site" in str(exc) or "FOREIGN KEY" in str(exc):
            raise ServiceError("NOT_FOUND", "core.not_found", "siteIds") from None
        raise
    return party


#: SQLite: the view a new party goes in through with its site links (parties migration 0005),
#: and the party columns it was made with (another set: the two statements instead).
LINKED_VIEW = "parties_party_linked"
LINKED_COLUMNS = frozenset(
    (
        "kind display_name given_name family_name legal_name email phone addresses tax_code "
        "preferred_language consents anonymised_at merged_at created_at updated_at "
        "merged_into_id"
    ).split()
)


async def _insert_linked(party: Party, sites: set[int]) -> Party:
    """Insert the party and its site links: one statement (on SQLite through a view whose
    trigger writes both)."""
    db = party._choose_db(True)
    postgres = db.capabilities.dialect == "postgres"
    row = writes.row_of(party) if sites else None
    if row is not None and not postgres and frozenset(row.columns) == LINKED_COLUMNS:
        [pk] = await writes.through_view(
            db,
            LINKED_VIEW,
            [*row.columns, "site_ids"],
            [[*row.values, json.dumps(sorted(sites))]],
            f'(SELECT max("id") FROM "{Party._meta.db_table}" WHERE "{LINKED_VIEW}"."kind" '
            "IS NOT NULL)",
        )
        party.id = int(pk)
        party._saved_in_db = True
        return party
    if row is None or not postgres:
        await party.save(using_db=db, force_create=True)
        await link_party_to_site(party.id, sites)
        return party
    n = len(row.values)
    columns = ",".join(f'"{c}"' for c in row.columns)
    marks = ",".join(f"${i}" for i in range(1, n + 1))
    sql = (
        f'WITH p AS (INSERT INTO "{Party._meta.db_table}" ({columns}) VALUES ({marks}) '
        'RETURNING "id"), '
        "l AS (INSERT INTO parties_party_site (party_id, site_id, created_at) "
        f"SELECT p.id, s, ${n + 2} FROM p, unnest(${n + 1}::int[]) AS s) "
        "SELECT id FROM p"
    )
    _, rows = await db.execute_query(sql, [*row.values, sorted(sites), party.created_at])
    party.id = rows[0]["id"]
    party._saved_in_db = True
    return party


async def _complete(
    actor: Actor,
    party: Party,
    values: dict[str, Any],
    lists: dict[str, Any],
    consents: list[Any],
    sites: set[int],
) -> None:
    """A new party's contacts, addresses and consents, and its audit entry."""
    for channel in (EMAIL_CHANNEL, PHONE):
        if LIST_FIELD[channel] in lists:
            await _replace_contacts(party, channel, lists[LIST_FIELD[channel]], new=True)
    if "addresses" in lists:
        await _replace_addresses(party, lists["addresses"], new=True)
    await _append_consents(party, consents)
    after = {**values, **lists}
    if consents:
        after["consents"] = consents
    await record(actor, "partyCreate", party, after=after, site_ids=sites)


def _sites_for(actor: Actor, site_ids: Iterable[int] | None, problems: list[Problem]) -> set[int]:
    if site_ids is None:
        return set(actor.site_ids or ())
    wanted = set(site_ids)
    if not all(actor.may_see_site(s) for s in wanted):
        problems.append(Problem("NOT_FOUND", "core.not_found", "siteIds"))
    return wanted


async def update_party(actor: Actor, party_id: int, **data: Any) -> Party:
    """Change what is given; a list given replaces the party's whole list."""
    async with atomic():
        party = await require_party(actor, party_id, "id", lock=True)
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
        sites = (await party_site_ids([party.id])).get(party.id, set())
        await record(
            actor,
            "partyUpdate",
            party,
            before=before,
            after={**values, **lists},
            site_ids=sites,
        )
    return party


async def find_or_create_person(
    actor: Actor, full_name: str, email: str | None = None, *, site_id: int | None = None
) -> Party:
    """Match a guest or visitor by any of their emails when given, among the parties the actor
    may see (a person known only at other sites is registered again rather than revealed),
    else register a person; either way linked to ``site_id`` when given."""
    if email:
        normal = normalise_email(email)
        if normal:
            # Locked (inside the caller's transaction) like ``lock_live_party``: a match being
            # erased meanwhile is not returned once the erasure commits. Only parties the
            # actor may see: a person known only at other sites is registered again.
            matches = Party.filter(email_match(normal), anonymised_at=None, merged_into_id=None)
            existing: Party | None = (
                await visible_parties(matches, actor)
                .order_by("id")
                .select_for_update(no_key=True)
                .first()
            )
            if existing:
                if site_id is not None:
                    await link_party_to_site(existing.id, site_id)
                return existing
    given, _, family = full_name.strip().partition(" ")
    return await create_party(
        actor,
        site_ids=None if site_id is None else [site_id],
        display_name=full_name,
        given_name=given,
        family_name=family,
        email=email,
    )
