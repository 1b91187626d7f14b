from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import PipelineStagePayload
from sportello_crm.graphql.pipeline_types import OpportunityStatus
from sportello_crm.services import pipeline


@api.mutation(
    "crm.manage",
    PipelineStagePayload,
    description="Rename, reorder or archive (`active: false`) a stage.",
)
async def pipeline_stage_update(
    info: strawberry.Info,
    id: strawberry.ID,
    name: str | None = None,
    position: int | None = None,
    outcome: OpportunityStatus | None = None,
    probability: int | None = None,
    active: bool | None = None,
) -> models.Stage:
    return await pipeline.stage_save(
        info.context.actor,
        stage_id=api.decode_id(id, "PipelineStage", "id"),
        name=name,
        position=position,
        outcome=outcome.value if outcome else None,
        probability=probability,
        active=active,
    )
