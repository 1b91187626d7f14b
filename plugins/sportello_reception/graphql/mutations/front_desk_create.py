from __future__ import annotations

import strawberry

from sportello import api
from sportello_reception import models, services
from sportello_reception.graphql.types import FrontDesk, ReceptionError

FrontDeskCreatePayload = api.payload(
    FrontDesk, errors=ReceptionError, name="FrontDeskCreatePayload"
)


@api.mutation("reception.manage", FrontDeskCreatePayload)
async def front_desk_create(
    info: strawberry.Info, site_id: strawberry.ID, code: str, name: str, kind: str = "reception"
) -> models.FrontDesk:
    site = api.decode_id(site_id, "Site", "siteId")
    return await services.create_front_desk(info.context.actor, site, code, name, kind)
