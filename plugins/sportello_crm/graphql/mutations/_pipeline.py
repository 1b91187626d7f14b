"""The payloads of the pipeline's mutations."""

from __future__ import annotations

from sportello import api
from sportello_crm.graphql.pipeline_types import Activity, LostReason, Opportunity, PipelineStage
from sportello_crm.graphql.types import CrmError

OpportunityPayload = api.payload(Opportunity, errors=CrmError)
PipelineStagePayload = api.payload(PipelineStage, errors=CrmError)
LostReasonPayload = api.payload(LostReason, errors=CrmError)
ActivityPayload = api.payload(Activity, errors=CrmError)
