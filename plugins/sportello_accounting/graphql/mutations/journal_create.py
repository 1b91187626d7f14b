from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import JournalPayload
from sportello_accounting.graphql.types import JournalKind
from sportello_accounting.services import chart


@api.mutation("accounting.manage", JournalPayload)
async def journal_create(
    info: strawberry.Info, code: str, name: str, kind: JournalKind
) -> models.Journal:
    return await chart.journal_create(info.context.actor, code, name, kind.value)
