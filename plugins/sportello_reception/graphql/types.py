from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from sportello import api
from sportello_reception import models


@strawberry.interface(
    description=(
        "Someone expected at, or arrived at, a front desk: a hotel guest, a queue ticket, an "
        "appointment, a visitor. One hall display or one 'who is here' list covers them all."
    )
)
class Arrival:
    arrival_kind: str = strawberry.field(description="reservation, ticket, appointment, visit")
    party_name: str | None = strawberry.field(description="Who arrives, as printed at the desk")
    expected_at: dt.datetime | None
    arrived_at: dt.datetime | None
    arrival_status: str = strawberry.field(description="expected, arrived, in_service, left, ...")


@strawberry.type(description="A front desk or station at a site.")
class FrontDesk(api.ModelNode):
    __model__ = models.FrontDesk
    __permission__ = "reception.view"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    code: str
    name: str
    kind: str
    active: bool


ReceptionError = api.office_errors("Reception")
