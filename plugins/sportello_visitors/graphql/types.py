from __future__ import annotations

import datetime as dt
import enum

import strawberry
from strawberry import relay

from sportello import api
from sportello_reception.api import Arrival
from sportello_visitors import models, services


@strawberry.enum
class VisitStatus(enum.Enum):
    PLANNED = models.PLANNED
    CHECKED_IN = models.CHECKED_IN
    CHECKED_OUT = models.CHECKED_OUT
    CANCELLED = models.CANCELLED


# Resolvers read the row (``root``: the model instance, or the plain object a list page loads,
# with what ``__needs__`` names). Fields with resolvers are attributes, as the Arrival interface's.
def _host_name(root: models.Visit) -> str:
    name: str = api.follow(root, "host.display_name")
    return name


def _arrival_kind() -> str:
    return "visit"


def _party_name(root: models.Visit) -> str | None:
    return root.visitor_name


def _arrived_at(root: models.Visit) -> dt.datetime | None:
    return root.checked_in_at


def _arrival_status(root: models.Visit) -> str:
    return services.arrival_status(root.status)


@strawberry.type(description="A visitor expected by a host employee, and the visitor log entry.")
class Visit(api.ModelNode, Arrival):
    __model__ = models.Visit
    __permission__ = "visitors.view"
    __site_field__ = "site_id"
    __needs__ = {
        "host_name": api.needs("host.display_name"),
        "arrival_kind": api.needs(),
        "party_name": api.needs("visitor_name"),
        "arrived_at": api.needs("checked_in_at"),
        "arrival_status": api.needs("status"),
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
    host: api.Party
    host_name: str = strawberry.field(resolver=_host_name, description="The host's display name.")

    # Arrival (reception)
    arrival_kind: str = strawberry.field(resolver=_arrival_kind, description="visit")
    party_name: str | None = strawberry.field(resolver=_party_name)
    arrived_at: dt.datetime | None = strawberry.field(resolver=_arrived_at)
    arrival_status: str = strawberry.field(
        resolver=_arrival_status, description="expected, arrived, left, cancelled"
    )


VisitorsError = api.office_errors(
    "Visitors", "BADGE_IN_USE", "INVALID_TRANSITION", "HOST_NOT_EMPLOYEE"
)
