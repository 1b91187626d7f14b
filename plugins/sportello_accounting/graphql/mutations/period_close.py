from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import PeriodPayload
from sportello_accounting.services import calendar


@api.mutation(
    "accounting.close",
    PeriodPayload,
    description="Lock a period for everyone: no entry dated inside it can be posted any more.",
)
async def period_close(info: strawberry.Info, id: strawberry.ID) -> models.Period:
    return await calendar.period_close(info.context.actor, api.decode_id(id, "Period", "id"))
