from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.asset_types import ItAssetKind
from sportello_itsupport.graphql.mutations._common import ItAssetPayload


@api.mutation("itsupport.work", ItAssetPayload)
async def it_asset_create(
    info: strawberry.Info,
    tag: str,
    name: str,
    kind: ItAssetKind,
    model_type: str | None = "",
    vendor: str | None = "",
    serial: str | None = "",
    seats: int | None = None,
    site_id: strawberry.ID | None = None,
    notes: str | None = "",
) -> models.Asset:
    """Register an asset; a software licence gives its seats."""
    return await services.create_asset(
        info.context.actor,
        tag=tag,
        name=name,
        kind=kind.value,
        model_type=model_type or "",
        vendor=vendor or "",
        serial=serial or "",
        seats=seats,
        site_id=api.decode_optional(site_id, "Site", "siteId"),
        notes=notes or "",
    )
