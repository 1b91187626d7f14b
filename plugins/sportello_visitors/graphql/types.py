from __future__ import annotations

import datetime as dt
import enum

import strawberry
from strawberry import relay

from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.loading import follow, needs
from sportello.graphql.relay import ModelNode
from sportello.parties.graphql.types import Party
from sportello_reception.graphql.types import Arrival
from sportello_visitors import models


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
    __needs__ = {
        "host_name": needs("host.display_name"),
        "arrival_kind": needs(),
        "party_name": needs("visitor_name"),
        "arrived_at": needs("checked_in_at"),
        "arrival_status": needs("status"),
    }

    id: relay.NodeID[int]
    visitor_name: str
    company: str
    purpose: str
    badge_number: str | None
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    created_at: dt.datetime
    expected_at: dt.datetime | None
    status: VisitStatus
    host: Party

    @strawberry.field(description="The host's display name.")
    def host_name(self) -> str:
        return follow(self, "host.display_name")  # type: ignore[no-any-return]

    # Arrival (reception)
    @strawberry.field(description="visit")
    def arrival_kind(self) -> str:
        return "visit"

    @strawberry.field
    def party_name(self) -> str | None:
        return self.visitor_name

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
