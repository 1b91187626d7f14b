from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import FiscalYearPayload
from sportello_accounting.graphql.organisation import organisation
from sportello_accounting.services import calendar


@api.mutation(
    "accounting.manage",
    FiscalYearPayload,
    description="A fiscal year of twelve monthly periods starting on the first of a month.",
)
async def fiscal_year_create(
    info: strawberry.Info,
    start: dt.date,
    name: str | None = None,
    organisation_id: strawberry.ID | None = None,
) -> models.FiscalYear:
    org = await organisation(info, organisation_id)
    return await calendar.fiscal_year_create(info.context.actor, org, start, name)
