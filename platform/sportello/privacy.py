"""Personal data (GDPR): export everything the enabled offices hold about a party, or erase it.

Each plugin implements two hooks (see ``hookspecs.py``)::

    @hookimpl
    async def sportello_party_data(party_id: int) -> dict:        # for the export
        return {"reservations": [...]}

    @hookimpl
    async def sportello_party_erase(party_id: int) -> ErasureReport:
        ...  # anonymise in place: never delete rows the books need
        return ErasureReport("lodging", erased=("lodging_guest.full_name",),
                             retained={"lodging_invoice.total": "Tax law: 10 years"})

Who may: export and erase need the ``privacy.export`` / ``privacy.erase`` permission AND access to
every site. A party's records can span sites (a stay at site A, a visit at site B) and a partial
export would silently misstate what we hold, so an actor bound to some sites is refused with
``FORBIDDEN`` (``identity.all_sites_required``) before anything is read. Hooks therefore never
need to filter by site.

Erase hooks run in one transaction with the audit entry, which first locks the party row:
an office that links personal data to an existing party does it under the same lock
(``sportello.api.lock_live_party``), so nothing is linked to a party while or after it is
erased. Erasure anonymises in place, so
amounts, dates and links stay and the books stay balanced. Personal values of the party that
earlier audit entries recorded are replaced by ``[erased]`` (the only change ever made to an
audit entry, and only here).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import orjson
from tortoise.connection import get_connection
from tortoise.expressions import Q

from sportello import writes
from sportello._compat import moved
from sportello.contract import ErasureReport as _ErasureReport
from sportello.events.privacy import scrub_erased_keys
from sportello.hookcall import call_each
from sportello.identity import tokens
from sportello.identity.audit import record
from sportello.identity.models import AuditEntry, User
from sportello.parties.models import Party
from sportello.parties.services import personal_identifiers
from sportello.scrub import ERASED as ERASED
from sportello.scrub import scrub as scrub
from sportello.scrub import scrub_under as scrub_under
from sportello.scrub import strings_in as strings_in
from sportello.services import Actor, ServiceError, atomic

if TYPE_CHECKING:
    from sportello.runtime import Runtime

__getattr__ = moved(__name__, {"ErasureReport": "sportello.contract:ErasureReport"})


def _plugin_name(impl_name: str) -> str:
    return impl_name.split(":", 1)[1] if impl_name.startswith("core:") else impl_name


async def _collect(runtime: Runtime, hook: str, party_id: int) -> list[tuple[str, Any]]:
    out = []
    for owner, value in call_each(runtime.pm, hook, party_id=party_id):
        if inspect.isawaitable(value):
            value = await value
        if value is not None:
            out.append((_plugin_name(owner), value))
    return out


async def _party_or_error(party_id: int, *, lock: bool = False) -> Any:
    qs = Party.filter(id=party_id)
    # FOR NO KEY UPDATE, as api.lock_live_party: rows referring to the party may still be
    # inserted by other transactions (no deadlock with one that holds their parent row).
    party = await (qs.select_for_update(no_key=True) if lock else qs).first()
    if party is None:
        raise ServiceError("NOT_FOUND", "core.not_found", "id")
    return party


def require_all_sites(actor: Actor) -> None:
    """Export and erasure see every office's records of a party, at every site."""
    if actor.site_ids is not None:
        raise ServiceError("FORBIDDEN", "identity.all_sites_required", "id")


async def export_party(runtime: Runtime, actor: Actor, party_id: int) -> dict[str, Any]:
    """One document: ``{"partyId": ..., "offices": {"parties": {...}, "lodging": {...}}}``."""
    require_all_sites(actor)
    await _party_or_error(party_id)
    offices = {
        name: dict(data) for name, data in await _collect(runtime, "sportello_party_data", party_id)
    }
    async with atomic():
        await record(
            actor,
            "partyDataExport",
            object_type="Party",
            object_id=party_id,
            after={"offices": sorted(offices)},
        )
    return {"partyId": party_id, "offices": offices}


async def _identifiers(party_id: int) -> tuple[set[str], set[str], list[int]]:
    """Strong identifiers (every email and phone, tax code, names, street lines), weak ones
    (given or family name) and the party's user IDs, read before the erase hooks overwrite
    them (``sportello.parties.services.personal_identifiers``).

    Locks the party row first (inside the erasure's transaction): whatever links personal
    data to the party locks it too (``sportello.api.lock_live_party``), so it either commits
    before the erasure reads anything, or waits and finds the party erased."""
    await _party_or_error(party_id, lock=True)
    strong, weak = await personal_identifiers(party_id)
    users = await User.filter(party_id=party_id).values_list("id", "email")
    strong |= {email for _, email in users}
    return strong, weak, [uid for uid, _ in users]


async def _entries_mentioning(values: set[str]) -> set[int]:
    """IDs of audit entries whose changes hold one of ``values`` as a JSON string."""
    conn = get_connection("default")
    postgres = conn.capabilities.dialect == "postgres"
    column = "changes::text" if postgres else "changes"
    found: set[int] = set()
    for value in values:
        needle = orjson.dumps(value).decode()
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        mark = "$1" if postgres else "?"
        sql = f"SELECT id FROM identity_audit_entry WHERE {column} LIKE {mark} ESCAPE '\\'"
        rows = await conn.execute_query_dict(sql, [pattern])
        found |= {int(r["id"]) for r in rows}
    return found


def _values_under(changes: Any, keys: set[str]) -> set[str]:
    """String values stored under one of ``keys`` anywhere in an audit entry's changes."""
    found: set[str] = set()
    if isinstance(changes, dict):
        for k, v in changes.items():
            found |= strings_in(v) if k in keys else _values_under(v, keys)
    elif isinstance(changes, list):
        for v in changes:
            found |= _values_under(v, keys)
    return found


async def _scrub_audit(
    party_id: int, strong: set[str], weak: set[str], user_ids: list[int], keys: set[str]
) -> int:
    """Replace the party's personal values in earlier audit entries by ``[erased]``.

    Entries about the party or its users lose every value stored under an erased column's
    name (older values too); other entries lose values equal to the party's identifiers.
    """
    await writes.flush()  # the entries this transaction recorded so far are scrubbed too
    about = Q(object_type="Party", object_id=str(party_id))
    if user_ids:
        about |= Q(actor_user_id__in=user_ids)
        about |= Q(object_type="User", object_id__in=[str(u) for u in user_ids])
    own = {e.id: e for e in await AuditEntry.filter(about)}
    for entry in own.values():
        strong |= {v for v in _values_under(entry.changes, keys) if len(v.strip()) >= 3}
    candidates = dict(own)
    cond = Q(actor_label__in=sorted(strong)) if strong else None
    if cond is not None:
        for entry in await AuditEntry.filter(cond):
            candidates[entry.id] = entry
    for entry_id in await _entries_mentioning(strong):
        if entry_id not in candidates:
            found = await AuditEntry.get_or_none(id=entry_id)
            if found is not None:
                candidates[entry_id] = found
    personal = strong | weak
    changed = 0
    for entry in candidates.values():
        changes = scrub(entry.changes, personal)
        if entry.id in own:
            changes = scrub_under(changes, keys)
        label = ERASED if entry.actor_label in strong else entry.actor_label
        if changes != entry.changes or label != entry.actor_label:
            await AuditEntry.filter(id=entry.id).update(changes=changes, actor_label=label)
            changed += 1
    return changed


async def _scrub_events(
    runtime: Runtime, party_id: int, keys: set[str], reports: list[_ErasureReport]
) -> None:
    """Copies of erased columns in the outbox events found for the party (``company`` of a
    visit, say) go too: the events core's own hook only knows the party's identifiers."""
    if runtime.pm.get_plugin("core:events") is None or not keys:
        return
    if await scrub_erased_keys(party_id, keys):
        column = "events_outbox.payload"
        report = next((r for r in reports if r.plugin == "events"), None)
        if report is None:
            reports.append(_ErasureReport("events", erased=(column,)))
        elif column not in report.erased:
            report.erased = (*report.erased, column)


async def erase_party(runtime: Runtime, actor: Actor, party_id: int) -> list[_ErasureReport]:
    """Anonymise a party in every enabled office, in one transaction, audited."""
    require_all_sites(actor)
    async with atomic():
        strong, weak, user_ids = await _identifiers(party_id)
        reports: list[_ErasureReport] = []
        for name, report in await _collect(runtime, "sportello_party_erase", party_id):
            reports.append(_ErasureReport.coerce(report, name))
        keys = {f.rpartition(".")[2] for r in reports for f in r.erased}
        await _scrub_audit(party_id, strong, weak, user_ids, keys)
        await _scrub_events(runtime, party_id, keys, reports)
        await record(
            actor,
            "partyErase",
            object_type="Party",
            object_id=party_id,
            after={
                "erased": sorted(f for r in reports for f in r.erased),
                "retained": {f: why for r in reports for f, why in r.retained.items()},
            },
        )
    tokens.forget()  # the party's accounts were disabled: no cached session survives
    return reports
