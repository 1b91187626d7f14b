from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import strawberry
from strawberry import relay
from tortoise.models import Model

from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.relay import ModelNode
from sportello.parties.graphql.types import Party
from sportello_reception.graphql.types import Arrival
from sportello_visitors import models


async def related(obj: Model, name: str) -> Any:
    value = getattr(obj, name)
    if value is None or isinstance(value, Model):
        return value
    return await value


@strawberry.enum
class VisitStatus(enum.Enum):
    PLANNED = "planned"
    CHECKED_IN = "checked_in"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"


@strawberry.type(description="A visitor expected by a host employee, and the visitor log entry.")
class Visit(ModelNode, Arrival):
    __model__ = models.Visit
    __permission__ = "visitors.view"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    visitor_name: str
    company: str
    purpose: str
    badge_number: str | None
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    created_at: dt.datetime

    @classmethod
    def node_queryset(cls, info: strawberry.Info):  # type: ignore[no-untyped-def]
        return models.Visit.all().prefetch_related("host")

    @strawberry.field
    def status(self) -> VisitStatus:
        return VisitStatus(self.status)  # type: ignore[arg-type]

    @strawberry.field
    async def host(self) -> Party:
        return await related(self, "host")  # type: ignore[arg-type]

    @strawberry.field(description="The host's display name.")
    async def host_name(self) -> str:
        host = await related(self, "host")  # type: ignore[arg-type]
        return host.display_name

    # Arrival (reception)
    @strawberry.field(description="visit")
    def arrival_kind(self) -> str:
        return "visit"

    @strawberry.field
    def party_name(self) -> str | None:
        return self.visitor_name

    @strawberry.field
    def expected_at(self) -> dt.datetime | None:
        return self.expected_at

    @strawberry.field
    def arrived_at(self) -> dt.datetime | None:
        return self.checked_in_at

    @strawberry.field(description="expected, arrived, left, cancelled")
    def arrival_status(self) -> str:
        return {
            models.PLANNED: "expected",
            models.CHECKED_IN: "arrived",
            models.CHECKED_OUT: "left",
        }.get(self.status, self.status)  # type: ignore[call-overload]


VisitorsErrorCode = error_codes("VisitorsErrorCode", "BADGE_IN_USE", "INVALID_TRANSITION")
VisitorsError = error_type("VisitorsError", VisitorsErrorCode)
