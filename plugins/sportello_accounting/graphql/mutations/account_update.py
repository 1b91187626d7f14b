from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import AccountPayload
from sportello_accounting.graphql.types import AccountRole
from sportello_accounting.services import chart


@api.mutation(
    "accounting.manage",
    AccountPayload,
    description="Rename an account, change its role, archive or restore it.",
)
async def account_update(
    info: strawberry.Info,
    id: strawberry.ID,
    name: str | None = None,
    role: AccountRole | None = None,
    archived: bool | None = None,
) -> models.Account:
    return await chart.update(
        info.context.actor,
        api.decode_id(id, "Account", "id"),
        name=name,
        role=role.value if role else None,
        archived=archived,
    )
