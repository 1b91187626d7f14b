"""The organisation's assets (CMDB): hardware, software licences with seats, network items;
who holds them, their history, and how they depend on each other.

Seats
    A licence (an asset with ``seats``) is assigned to many holders, never more than its seats:
    each assignment runs ``UPDATE itsupport_asset SET seats_used = seats_used + 1 WHERE id = ?
    AND seats_used < seats`` in its transaction; no row changed is NO_SEATS. The condition and
    the increment are one statement, so concurrent assignments cannot overbook on PostgreSQL
    (the row lock makes the second wait and re-check) or SQLite. A release gives the seat back.
    Any other asset has one holder at a time: a new assignment ends the current one (history).
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import _common
from sportello_itsupport.services._common import (
    MANAGE,
    WORK,
    default_site,
    mark,
    not_found,
    require_text,
)

#: The types (by GraphQL name) an asset can be assigned to
HOLDER_TYPES = ("Party", "Site", "FrontDesk", "Counter")


def _require_cmdb(actor: api.Actor, field: str) -> None:
    if not (actor.has(WORK) or actor.has(MANAGE)):
        raise api.ServiceError("FORBIDDEN", "itsupport.agents_only", field)


async def asset_for(actor: api.Actor, asset_id: int, field: str = "id") -> m.Asset:
    asset = await m.Asset.filter(id=asset_id).first()
    if asset is None or not actor.may_see_site(asset.site_id):
        raise not_found(field)
    return asset


async def create_asset(
    actor: api.Actor,
    *,
    tag: str,
    name: str,
    kind: str,
    model_type: str = "",
    vendor: str = "",
    serial: str = "",
    seats: int | None = None,
    site_id: int | None = None,
    notes: str = "",
) -> m.Asset:
    _require_cmdb(actor, "tag")
    tag = require_text(tag, "tag", 64)
    name = require_text(name, "name", 200)
    if kind not in m.ASSET_KINDS:
        raise api.ServiceError("INVALID", "itsupport.invalid_asset_kind", "kind")
    if seats is not None and (kind != m.SOFTWARE or seats < 1):
        raise api.ServiceError("INVALID", "itsupport.invalid_seats", "seats")
    site_id = default_site(actor, site_id)
    if site_id is not None:
        await api.get_or_error(api.SiteModel, site_id, "siteId")
    try:
        async with api.atomic():
            asset = await m.Asset.create(
                tag=tag,
                name=name,
                kind=kind,
                model_type=model_type.strip(),
                vendor=vendor.strip(),
                serial=serial.strip(),
                seats=seats,
                site_id=site_id,
                notes=notes,
            )
            await api.record(actor, "itAssetCreate", asset, after={"tag": tag, "kind": kind})
    except IntegrityError:
        raise api.ServiceError("CONFLICT", "itsupport.tag_taken", "tag") from None
    return asset


async def assign_asset(
    actor: api.Actor, asset_id: int, holder_type: str, holder_id: int
) -> m.AssetAssignment:
    """Give the asset to a holder (checked visible by the caller of this service)."""
    _require_cmdb(actor, "assetId")
    if holder_type not in HOLDER_TYPES:
        raise api.ServiceError("INVALID_ID", "core.invalid_id", "holderId")
    asset = await asset_for(actor, asset_id, "assetId")
    if asset.status == "retired":
        raise api.ServiceError("INVALID_TRANSITION", "itsupport.asset_retired", "assetId")
    holder: dict[str, Any] = {"holder_type": holder_type, "holder_id": holder_id}
    at = _common.now()
    async with api.atomic() as conn:
        if asset.seats is not None:
            if await m.AssetAssignment.filter(
                asset_id=asset.id, released_at=None, **holder
            ).exists():
                raise api.ServiceError("ASSIGNED", "itsupport.already_assigned", "holderId")
            rows = await conn.execute_query_dict(
                "UPDATE itsupport_asset SET seats_used = seats_used + 1 "
                f"WHERE id = {mark(conn, 1)} AND seats_used < seats RETURNING seats_used",
                [asset.id],
            )
            if not rows:
                raise api.ServiceError("NO_SEATS", "itsupport.no_seats", "assetId")
        else:
            await api.get_or_error(m.Asset, asset.id, "assetId", lock=True)
            await m.AssetAssignment.filter(asset_id=asset.id, released_at=None).update(
                released_at=at, released_by_id=actor.user_id
            )
        assignment = await m.AssetAssignment.create(
            asset_id=asset.id, assigned_at=at, assigned_by_id=actor.user_id, **holder
        )
        await api.record(
            actor, "itAssetAssign", asset, after={"holder": f"{holder_type}:{holder_id}"}
        )
    return assignment


async def release_assignment(actor: api.Actor, assignment_id: int) -> m.AssetAssignment:
    """End an assignment (the asset came back; a licence's seat is free again)."""
    _require_cmdb(actor, "assignmentId")
    assignment = await m.AssetAssignment.filter(id=assignment_id).first()
    if assignment is None:
        raise not_found("assignmentId")
    asset = await asset_for(actor, assignment.asset_id, "assignmentId")
    async with api.atomic() as conn:
        done = await m.AssetAssignment.filter(id=assignment.id, released_at=None).update(
            released_at=_common.now(), released_by_id=actor.user_id
        )
        if done != 1:
            raise api.ServiceError(
                "INVALID_TRANSITION", "itsupport.already_released", "assignmentId"
            )
        if asset.seats is not None:
            await conn.execute_query(
                "UPDATE itsupport_asset SET seats_used = seats_used - 1 "
                f"WHERE id = {mark(conn, 1)} AND seats_used > 0",
                [asset.id],
            )
        await api.record(actor, "itAssetRelease", asset, after={"assignment": assignment.id})
    return await m.AssetAssignment.get(id=assignment.id)


async def relate(actor: api.Actor, source_id: int, target_id: int, kind: str) -> m.AssetRelation:
    """One asset depends on (is connected to, is installed on) another."""
    _require_cmdb(actor, "sourceId")
    if kind not in m.RELATION_KINDS:
        raise api.ServiceError("INVALID", "itsupport.invalid_relation", "kind")
    if source_id == target_id:
        raise api.ServiceError("INVALID", "itsupport.relation_self", "targetId")
    source = await asset_for(actor, source_id, "sourceId")
    await asset_for(actor, target_id, "targetId")
    try:
        async with api.atomic():
            relation = await m.AssetRelation.create(
                source_id=source_id, target_id=target_id, kind=kind
            )
            await api.record(
                actor, "itAssetRelate", source, after={"target": target_id, "kind": kind}
            )
    except IntegrityError:
        raise api.ServiceError("CONFLICT", "itsupport.relation_exists", "targetId") from None
    return relation


async def asset_row(asset_id: int) -> m.Asset:
    return await m.Asset.get(id=asset_id)
