from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_counter import services
from sportello_counter.graphql.mutations._common import DisplayTokenPayload


@api.mutation(
    "counter.manage",
    DisplayTokenPayload,
    description="A token for one hall display of one site (hallDisplay subscription).",
)
async def display_token_create(
    info: strawberry.Info, site_id: strawberry.ID, label: str = ""
) -> dict[str, Any]:
    site = api.decode_id(site_id, "Site", "siteId")
    raw, token = await services.create_display_token(info.context.actor, site, label)
    return {"display_token": token, "token": raw}
