from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.mutations._pipeline import ActivityPayload
from sportello_crm.services import activities


@api.mutation(
    "crm.desk", ActivityPayload, description="Move an open activity: its reminder moves too."
)
async def activity_reschedule(
    info: strawberry.Info,
    id: strawberry.ID,
    due_at: dt.datetime,
    remind_minutes: int | None = None,
) -> models.Activity:
    return await activities.reschedule(
        info.context.actor, api.decode_id(id, "Activity", "id"), due_at, remind_minutes
    )
