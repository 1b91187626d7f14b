"""Which parties a caller may see: a party is visible at a site when a record of that site links
it (``parties_party_site``); callers with every site see every party.

Offices link the parties their records name (a guest, a ticket holder, a visitor) through
``link_party_to_site`` in the transaction that writes the record, and backfill the links of
records written before through ``party_site_backfill`` in a migration of their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.migrations import operations as ops
from tortoise.queryset import QuerySet

from sportello.parties.models import Party, PartySite
from sportello.services import Actor, ServiceError


def linked_at(site_ids: Iterable[int]) -> Q:
    """Parties linked to one of ``site_ids``: one subquery, so a page stays one query."""
    links = PartySite.filter(site_id__in=sorted(set(site_ids))).values("party_id")
    return Q(id__in=Subquery(links))


def visible_parties(qs: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
    """``qs`` (of parties) restricted to those the actor may see."""
    if actor.site_ids is None:
        return qs
    return qs.filter(linked_at(actor.site_ids))


async def may_see_party(actor: Actor, party_id: int) -> bool:
    if actor.site_ids is None:
        return True
    return await PartySite.filter(party_id=party_id, site_id__in=sorted(actor.site_ids)).exists()


async def require_party(
    actor: Actor,
    party_id: int,
    field: str | None = "id",
    *,
    lock: bool = False,
    link_to: int | None = None,
) -> Party:
    """The party ``party_id`` if the actor may see it, else ``ServiceError(NOT_FOUND)`` naming
    ``field`` (a party of another site is reported as missing, so IDs reveal nothing).
    A party merged into another is refused too (``parties.merged``): with ``lock=True`` a
    merge running meanwhile is waited for. ``lock=True`` locks its row for the surrounding
    transaction; ``link_to`` links it to that
    site (the record being written names it there: call it inside that transaction)."""
    qs = visible_parties(Party.filter(id=party_id), actor)
    if lock:
        qs = qs.select_for_update()
    party: Party | None = await qs.first()
    if party is None:
        raise ServiceError("NOT_FOUND", "core.not_found", field)
    if party.merged_into_id is not None:  # a tombstone: nothing new names it
        raise ServiceError("NOT_FOUND", "parties.merged", field)
    if link_to is not None:
        await link_party_to_site(party.id, link_to)
    return party


async def link_party_to_site(party_id: int, site_ids: int | Iterable[int]) -> None:
    """Make the party visible at the sites (no-op for links that exist). Call it inside the
    transaction that writes the record naming the party, so both commit together."""
    wanted = {site_ids} if isinstance(site_ids, int) else set(site_ids)
    if not wanted:
        return
    db = PartySite._meta.db
    postgres = db.capabilities.dialect == "postgres"
    sql = (
        "INSERT INTO parties_party_site (party_id, site_id, created_at) VALUES ({}, {}, {}) "
        "ON CONFLICT (site_id, party_id) DO NOTHING"
    ).format(*(("$1", "$2", "$3") if postgres else ("?", "?", "?")))
    at = dt.datetime.now(dt.UTC)
    for site_id in sorted(wanted):
        await db.execute_query(sql, [party_id, site_id, at])


async def party_site_ids(party_ids: Iterable[int]) -> dict[int, set[int]]:
    """The sites each party is linked to (parties with none are left out)."""
    out: dict[int, set[int]] = defaultdict(set)
    ids = sorted(set(party_ids))
    if ids:
        rows = await PartySite.filter(party_id__in=ids).values_list("party_id", "site_id")
        for party_id, site_id in rows:
            out[party_id].add(site_id)
    return dict(out)


def party_site_backfill(select_sql: str) -> ops.RunPython:
    """A migration operation linking parties to sites from existing records: ``select_sql``
    returns ``party_id`` and ``site_id`` columns (rows with a null in either are skipped; links
    that exist are kept). For offices' migrations, which depend on ``parties.0003``::

        operations = [api.party_site_backfill(
            "SELECT guest_id AS party_id, site_id FROM lodging_reservation")]
    """

    async def forward(apps: Any, editor: Any) -> None:
        client = editor.client
        postgres = client.capabilities.dialect == "postgres"
        mark = "CAST($1 AS TIMESTAMPTZ)" if postgres else "?"
        await client.execute_query(
            "INSERT INTO parties_party_site (party_id, site_id, created_at) "
            f"SELECT DISTINCT s.party_id, s.site_id, {mark} FROM ({select_sql}) s "
            "WHERE s.party_id IS NOT NULL AND s.site_id IS NOT NULL AND NOT EXISTS ("
            "SELECT 1 FROM parties_party_site l "
            "WHERE l.party_id = s.party_id AND l.site_id = s.site_id)",
            [dt.datetime.now(dt.UTC)],
        )

    async def backward(apps: Any, editor: Any) -> None:
        """Links are derived data: going back leaves them (the table goes with parties.0003)."""

    return ops.RunPython(forward, backward)
