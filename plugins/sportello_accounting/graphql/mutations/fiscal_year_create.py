from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import FiscalYearPayload
from sportello_accounting.services import calendar


@api.mutation(
    "accounting.manage",
    FiscalYearPayload,
    description="A fiscal year of twelve monthly periods starting on the first of a month.",
)
async def fiscal_year_create(
    info: strawberry.Info, start: dt.date, name: str | None = None
) -> models.FiscalYear:
    return await calendar.fiscal_year_create(info.context.actor, start, name)
