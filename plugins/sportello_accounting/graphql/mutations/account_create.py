from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import AccountPayload
from sportello_accounting.graphql.organisation import organisation
from sportello_accounting.graphql.types import AccountRole, AccountType
from sportello_accounting.services import chart


@api.mutation("accounting.manage", AccountPayload)
async def account_create(
    info: strawberry.Info,
    code: str,
    name: str,
    type: AccountType,
    role: AccountRole | None = None,
    organisation_id: strawberry.ID | None = None,
) -> models.Account:
    org = await organisation(info, organisation_id)
    return await chart.create(
        info.context.actor, org, code, name, type.value, role.value if role else ""
    )
