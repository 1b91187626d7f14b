from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting.graphql.organisation import organisation
from sportello_accounting.graphql.types import Account as AccountType
from sportello_accounting.graphql.types import AccountingError, ChartTemplate
from sportello_accounting.services import chart

ChartPayload = api.payload(
    errors=AccountingError, name="AccountChartInstallPayload", accounts=list[AccountType] | None
)


@api.mutation(
    "accounting.manage",
    ChartPayload,
    description="Fill an organisation's empty ledger with a template's accounts and journals.",
)
async def account_chart_install(
    info: strawberry.Info, template: ChartTemplate, organisation_id: strawberry.ID | None = None
) -> dict[str, object]:
    org = await organisation(info, organisation_id)
    return {"accounts": await chart.install_chart(info.context.actor, template.value, org)}
