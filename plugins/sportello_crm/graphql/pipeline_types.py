"""The sales pipeline as GraphQL shows it: stages, lost reasons, opportunities, activities."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_crm import models
from sportello_crm.services import _common as c


@strawberry.enum(description="OPEN: in the pipeline. WON, LOST: closed.")
class OpportunityStatus(enum.Enum):
    OPEN = models.STAGE_OPEN
    WON = models.WON
    LOST = models.LOST


@strawberry.enum(description="What a follow-up or activity is.")
class ActivityKind(enum.Enum):
    CALL = "call"
    MEETING = "meeting"
    EMAIL = "email"
    TASK = "task"
    FOLLOW_UP = "follow_up"


@strawberry.type(description="A step of the sales pipeline.")
class PipelineStage(api.ModelNode):
    __model__ = models.Stage
    __permission__ = c.VIEW

    id: relay.NodeID[int]
    name: str
    position: int
    outcome: OpportunityStatus = strawberry.field(
        description="Where an opportunity in this stage stands."
    )
    probability: int = strawberry.field(description="The chance of winning, in percent.")
    active: bool


@strawberry.type(description="Why an opportunity was lost.")
class LostReason(api.ModelNode):
    __model__ = models.LostReason
    __permission__ = c.VIEW

    id: relay.NodeID[int]
    name: str
    active: bool


def _user(root: Any, column: str) -> strawberry.ID | None:
    value = api.follow(root, column)
    return None if value is None else api.encode_id("User", value)


def _owner_id(self: Any) -> strawberry.ID | None:
    return _user(self, "owner_id")


@strawberry.type(description="A lead or opportunity: who, what it is worth, where it stands.")
class Opportunity(api.ModelNode):
    __model__ = models.Opportunity
    __permission__ = c.VIEW
    __site_field__ = "site_id"
    __needs__ = {"owner_id": api.needs("owner_id")}

    id: relay.NodeID[int]
    site: api.Site
    title: str
    party: api.Party | None
    contact_name: str
    contact_email: str
    stage: PipelineStage
    status: OpportunityStatus
    expected_value: Decimal | None
    currency: str = strawberry.field(description="ISO 4217 code.")
    expected_close: dt.date | None
    source: str
    lost_reason: LostReason | None
    lost_note: str
    version: int
    created_at: dt.datetime
    closed_at: dt.datetime | None
    owner_id: strawberry.ID | None = strawberry.field(
        resolver=_owner_id, description="The user who owns it."
    )


def _activity_owner(self: Any) -> strawberry.ID | None:
    return _user(self, "owner_id")


def _done(self: Any) -> bool:
    return api.follow(self, "done_at") is not None


@strawberry.type(description="A call, meeting, task or follow-up, with its due time.")
class Activity(api.ModelNode):
    __model__ = models.Activity
    __permission__ = c.VIEW
    __site_field__ = "site_id"
    __needs__ = {"owner_id": api.needs("owner_id"), "done": api.needs("done_at")}

    id: relay.NodeID[int]
    site: api.Site
    opportunity: Opportunity | None
    party: api.Party | None
    kind: ActivityKind
    title: str
    note: str
    due_at: dt.datetime | None
    remind_minutes: int | None
    done_at: dt.datetime | None
    created_at: dt.datetime
    owner_id: strawberry.ID | None = strawberry.field(
        resolver=_activity_owner, description="Who must do it."
    )
    done: bool = strawberry.field(resolver=_done)
