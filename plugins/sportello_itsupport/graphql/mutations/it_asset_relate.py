from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.asset_types import ItAssetRelationKind
from sportello_itsupport.graphql.mutations._common import ItAssetRelationPayload


@api.mutation("itsupport.work", ItAssetRelationPayload)
async def it_asset_relate(
    info: strawberry.Info,
    source_id: strawberry.ID,
    target_id: strawberry.ID,
    kind: ItAssetRelationKind,
) -> models.AssetRelation:
    """The source depends on (is connected to, is installed on) the target: a kiosk depends
    on its printer."""
    return await services.relate(
        info.context.actor,
        api.decode_id(source_id, "ItAsset", "sourceId"),
        api.decode_id(target_id, "ItAsset", "targetId"),
        kind.value,
    )
