from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import AccountPayload
from sportello_accounting.services import chart


@api.mutation(
    "accounting.manage",
    AccountPayload,
    description="Delete an account no entry ever used: ACCOUNT_IN_USE otherwise (archive it).",
)
async def account_delete(info: strawberry.Info, id: strawberry.ID) -> models.Account:
    return await chart.delete(info.context.actor, api.decode_id(id, "Account", "id"))
