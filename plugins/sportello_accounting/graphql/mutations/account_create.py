from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import AccountPayload
from sportello_accounting.graphql.types import AccountRole, AccountType
from sportello_accounting.services import chart


@api.mutation("accounting.manage", AccountPayload)
async def account_create(
    info: strawberry.Info,
    code: str,
    name: str,
    type: AccountType,
    role: AccountRole | None = None,
) -> models.Account:
    return await chart.create(
        info.context.actor, code, name, type.value, role.value if role else ""
    )
