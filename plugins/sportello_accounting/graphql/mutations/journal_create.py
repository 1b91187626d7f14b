from __future__ import annotations

import strawberry

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.mutations._common import JournalPayload
from sportello_accounting.graphql.organisation import organisation
from sportello_accounting.graphql.types import JournalKind
from sportello_accounting.services import chart


@api.mutation("accounting.manage", JournalPayload)
async def journal_create(
    info: strawberry.Info,
    code: str,
    name: str,
    kind: JournalKind,
    organisation_id: strawberry.ID | None = None,
) -> models.Journal:
    org = await organisation(info, organisation_id)
    return await chart.journal_create(info.context.actor, org, code, name, kind.value)
