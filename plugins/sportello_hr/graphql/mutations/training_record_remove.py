from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_hr import services
from sportello_hr.graphql.mutations._training import TrainingRecordRemovePayload


@api.mutation(
    "hr.manage", TrainingRecordRemovePayload, description="Delete a record entered by mistake."
)
async def training_record_remove(info: strawberry.Info, id: strawberry.ID) -> dict[str, Any]:
    removed = await services.training.remove(
        info.context.actor, api.decode_id(id, "TrainingRecord", "id")
    )
    return {"deleted_id": strawberry.ID(api.encode_id("TrainingRecord", removed))}
