from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_itsupport import services
from sportello_itsupport.graphql.mutations._common import ItAssetAssignmentPayload


async def _holder(info: strawberry.Info, holder_id: str) -> tuple[str, int]:
    """The holder's type and key: a Party, Site, FrontDesk or Counter the caller may see."""
    try:
        gid = relay.GlobalID.from_id(holder_id)
    except Exception:
        raise api.ServiceError("INVALID_ID", "core.invalid_id", "holderId") from None
    if gid.type_name not in services.HOLDER_TYPES:
        raise api.ServiceError("INVALID_ID", "itsupport.holder_type", "holderId")
    pk = api.decode_id(holder_id, gid.type_name, "holderId")
    try:
        found = await gid.resolve_node(info, required=False)
    except Exception:  # the type's office is off, or the caller may not read it
        found = None
    if found is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "holderId")
    return gid.type_name, pk


@api.mutation(
    "itsupport.work",
    ItAssetAssignmentPayload,
    description=(
        "Give an asset to a person (Party), a site, a front desk or a counter, by global ID."
        " A licence takes one seat per holder (NO_SEATS when all are taken); any other asset"
        " leaves its previous holder (kept in its history)."
    ),
)
async def it_asset_assign(
    info: strawberry.Info, asset_id: strawberry.ID, holder_id: strawberry.ID
) -> dict[str, Any]:
    asset = api.decode_id(asset_id, "ItAsset", "assetId")
    holder_type, holder = await _holder(info, holder_id)
    assignment = await services.assign_asset(info.context.actor, asset, holder_type, holder)
    return {"it_asset_assignment": assignment, "it_asset": await services.asset_row(asset)}
