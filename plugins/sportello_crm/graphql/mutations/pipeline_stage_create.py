from __future__ import annotations

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import PipelineStagePayload
from sportello_crm.graphql.pipeline_types import OpportunityStatus
from sportello_crm.services import pipeline


@api.mutation("crm.manage", PipelineStagePayload, description="Add a stage to the pipeline.")
async def pipeline_stage_create(
    info: strawberry.Info,
    name: str,
    position: int = 100,
    outcome: OpportunityStatus = OpportunityStatus.OPEN,
    probability: int = 10,
) -> models.Stage:
    return await pipeline.stage_save(
        info.context.actor,
        name=name,
        position=position,
        outcome=outcome.value,
        probability=probability,
    )
