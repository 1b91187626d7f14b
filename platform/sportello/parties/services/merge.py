"""Merging two parties, the registry's side: lock the pair, move the party's own rows (contact
points, addresses, consents, site links, organisations of sites) and leave the merged party as
a tombstone pointing to the survivor.

Every office moves its own references through the ``sportello_party_merge`` hook
(``sportello.merge`` runs them all in one transaction); ``move_references`` is the helper
most of them need.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from tortoise.models import Model

from sportello.contract import MergeReport
from sportello.parties.models import Address, Consent, ContactPoint, Party, PartySite, Site
from sportello.services import ServiceError

#: Names the survivor keeps when it has its own; a blank one is taken from the merged party.
FILLED_FROM_MERGED = ("given_name", "family_name", "legal_name", "tax_code")


async def lock_pair(source_id: int, target_id: int) -> tuple[Party, Party]:
    """Inside a transaction: both parties row-locked, the lower id first (two merges of the
    same pair, in either direction, queue on the same row instead of deadlocking), both live.

    The lock is the one ``lock_live_party`` takes, so an office linking a party waits for the
    merge and then finds the merged one refused."""
    if source_id == target_id:
        raise ServiceError("SAME_PARTY", "parties.merge_same_party", "targetId")
    locked: dict[int, Party | None] = {}
    for party_id in sorted((source_id, target_id)):
        qs = Party.filter(id=party_id).select_for_update(no_key=True)
        locked[party_id] = await qs.first()
    for party_id, field in ((source_id, "sourceId"), (target_id, "targetId")):
        party = locked[party_id]
        if party is None or party.anonymised_at is not None:
            raise ServiceError("NOT_FOUND", "core.not_found", field)
        if party.merged_into_id is not None:
            raise ServiceError("ALREADY_MERGED", "parties.merge_already_merged", field)
    source, target = locked[source_id], locked[target_id]
    assert source is not None and target is not None  # checked above
    if source.kind != target.kind:
        raise ServiceError("MERGE_CONFLICT", "parties.merge_kind_differs", "targetId")
    return source, target


async def move_references(
    plugin: str, source_id: int, target_id: int, columns: Iterable[tuple[type[Model], str]]
) -> MergeReport:
    """One UPDATE per ``(model, column)``: every row naming the merged party names the survivor.
    ``column`` is the attribute holding the id (``party_id``, ``guest_id``)."""
    moved: dict[str, int] = {}
    for model, column in columns:
        count = await model.filter(**{column: source_id}).update(**{column: target_id})
        moved[f"{model._meta.db_table}.{column}"] = int(count)
    return MergeReport(plugin, moved=moved)


async def _move_contacts(source: Party, target: Party, report: MergeReport) -> None:
    """The survivor's contact points come first; the merged party's follow, a value the
    survivor already has dropped, and its primary stays primary only where the survivor has
    none for that channel."""
    theirs = await ContactPoint.filter(party_id=target.id).values("channel", "value", "is_primary")
    known = {(c["channel"], c["value"]) for c in theirs}
    has_primary = {c["channel"] for c in theirs if c["is_primary"]}
    position = Counter(c["channel"] for c in theirs)
    moved = dropped = 0
    for point in await ContactPoint.filter(party_id=source.id).order_by(
        "channel", "position", "id"
    ):
        if (point.channel, point.value) in known:
            await point.delete()
            dropped += 1
            continue
        known.add((point.channel, point.value))
        primary = point.is_primary and point.channel not in has_primary
        if primary:
            has_primary.add(point.channel)
        point.party_id = target.id
        point.is_primary = primary
        point.position = position[point.channel]
        position[point.channel] += 1
        await point.save(update_fields=["party_id", "is_primary", "position"])
        moved += 1
    report.moved["parties_contact_point.party_id"] = moved
    report.dropped["parties_contact_point"] = dropped


async def _move_addresses(source: Party, target: Party, report: MergeReport) -> None:
    theirs = await Address.filter(party_id=target.id).values_list("is_primary", flat=True)
    has_primary = any(theirs)
    position = len(theirs)
    moved = 0
    for address in await Address.filter(party_id=source.id).order_by("position", "id"):
        address.is_primary = address.is_primary and not has_primary
        has_primary = has_primary or address.is_primary
        address.party_id = target.id
        address.position = position
        position += 1
        await address.save(update_fields=["party_id", "is_primary", "position"])
        moved += 1
    report.moved["parties_address.party_id"] = moved


async def _move_site_links(source: Party, target: Party, report: MergeReport) -> None:
    """A site that knows both keeps the survivor's link (one link per site and party)."""
    known = await PartySite.filter(party_id=target.id).values_list("site_id", flat=True)
    dropped = await PartySite.filter(party_id=source.id, site_id__in=list(known)).delete()
    moved = await PartySite.filter(party_id=source.id).update(party_id=target.id)
    report.moved["parties_party_site.party_id"] = int(moved)
    report.dropped["parties_party_site"] = int(dropped)


async def move_registry(source_id: int, target_id: int) -> MergeReport:
    """The registry's own hook: everything ``parties_*`` that names the merged party.

    Consents move as they are: the history is append-only and the latest statement per
    purpose counts, so the person's most recent word (given to either record) stands."""
    source = await Party.get(id=source_id)
    target = await Party.get(id=target_id)
    report = await move_references(
        "parties", source_id, target_id, [(Consent, "party_id"), (Site, "organisation_id")]
    )
    await _move_contacts(source, target, report)
    await _move_addresses(source, target, report)
    await _move_site_links(source, target, report)
    return report


async def bury(source: Party, target: Party, now: dt.datetime) -> Party:
    """After every hook: the survivor takes the blanks it can from the merged party and its
    primary email and phone again, and the merged party becomes a tombstone."""
    changed: dict[str, Any] = {}
    for name in FILLED_FROM_MERGED:
        if not getattr(target, name) and getattr(source, name):
            changed[name] = getattr(source, name)
    primaries = dict(
        await ContactPoint.filter(party_id=target.id, is_primary=True).values_list(
            "channel", "value"
        )
    )
    for channel in ("email", "phone"):
        if primaries.get(channel) != getattr(target, channel):
            changed[channel] = primaries.get(channel)
    if changed:
        target.update_from_dict(changed)
        await target.save(update_fields=[*changed, "updated_at"])
    source.update_from_dict(
        {"merged_into_id": target.id, "merged_at": now, "email": None, "phone": None}
    )
    await source.save(update_fields=["merged_into_id", "merged_at", "email", "phone", "updated_at"])
    return target
