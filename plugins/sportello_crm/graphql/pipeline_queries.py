"""Lists of the sales pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.pipeline_types import (
    Activity,
    LostReason,
    Opportunity,
    OpportunityStatus,
    PipelineStage,
)
from sportello_crm.services import _common as c


def _opportunities(
    info: strawberry.Info,
    status: OpportunityStatus | None = None,
    stage_id: strawberry.ID | None = None,
    party_id: strawberry.ID | None = None,
    site_id: strawberry.ID | None = None,
    mine: bool = False,
) -> AsyncIterable[models.Opportunity]:
    qs = models.Opportunity.all()
    if status is not None:
        qs = qs.filter(status=status.value)
    if stage_id is not None:
        qs = qs.filter(stage_id=api.decode_id(stage_id, "PipelineStage", "stageId"))
    if party_id is not None:
        qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
    if mine:
        qs = qs.filter(owner_id=info.context.actor.user_id or 0)
    return cast("AsyncIterable[models.Opportunity]", api.for_site(qs, site_id))


def _activities(
    info: strawberry.Info,
    done: bool | None = None,
    due_before: dt.datetime | None = None,
    opportunity_id: strawberry.ID | None = None,
    party_id: strawberry.ID | None = None,
    site_id: strawberry.ID | None = None,
    mine: bool = False,
) -> AsyncIterable[models.Activity]:
    qs = models.Activity.all()
    if done is not None:
        qs = qs.filter(done_at__isnull=not done)
    if due_before is not None:
        qs = qs.filter(due_at__lt=due_before)
    if opportunity_id is not None:
        qs = qs.filter(opportunity_id=api.decode_id(opportunity_id, "Opportunity", "opportunityId"))
    if party_id is not None:
        qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
    if mine:
        qs = qs.filter(owner_id=info.context.actor.user_id or 0)
    return cast("AsyncIterable[models.Activity]", api.for_site(qs, site_id))


@strawberry.type
class PipelineQueries:
    opportunities = relay.connection(
        api.Connection[Opportunity],
        permission_classes=[api.requires(c.SALES)],
        resolver=_opportunities,
        description="Leads and opportunities, newest first.",
    )
    activities = relay.connection(
        api.Connection[Activity],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_activities,
        description="Activities and follow-ups, soonest due first; `done: false` for the open ones.",
    )

    @api.query(c.VIEW, description="The pipeline's stages in order (archived ones too).")
    async def pipeline_stages(self, info: strawberry.Info) -> list[PipelineStage]:
        found: list[PipelineStage] = await api.load_list(models.Stage.all(), info, PipelineStage)
        return found

    @api.query(c.VIEW, description="Why opportunities are lost.")
    async def lost_reasons(self, info: strawberry.Info) -> list[LostReason]:
        found: list[LostReason] = await api.load_list(models.LostReason.all(), info, LostReason)
        return found
