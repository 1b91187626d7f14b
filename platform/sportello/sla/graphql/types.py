from __future__ import annotations

import datetime as dt
import enum

import strawberry
from strawberry import relay

from sportello.graphql.ids import encode_id
from sportello.graphql.loading import needs
from sportello.graphql.mutations import office_errors
from sportello.graphql.relay import ModelNode
from sportello.parties.graphql.types import Party, Site
from sportello.sla import models
from sportello.sla.services import VIEW


@strawberry.enum(description="What a legal deadline counts: every day, or working days only.")
class SlaDeadlineKind(enum.Enum):
    CALENDAR = models.CALENDAR
    BUSINESS = models.BUSINESS


@strawberry.enum(description="Where a clock stands.")
class SlaClockState(enum.Enum):
    RUNNING = models.RUNNING
    PAUSED = models.PAUSED
    MET = models.MET
    STOPPED = models.STOPPED


@strawberry.enum(description="Why a clock is paused.")
class SlaPauseReason(enum.Enum):
    WAITING_CUSTOMER = models.WAITING_CUSTOMER
    WAITING_THIRD_PARTY = models.WAITING_THIRD_PARTY
    ON_HOLD = models.ON_HOLD


@strawberry.enum(description="How slaReport groups its rows.")
class SlaReportGroup(enum.Enum):
    POLICY = "policy"
    DEPARTMENT = "department"
    OFFICE = "office"


def _deadline_kind(root: models.SlaPolicy) -> SlaDeadlineKind | None:
    return SlaDeadlineKind(root.deadline_kind) if root.deadline_kind else None


def _department_id(root: models.SlaPolicy) -> strawberry.ID | None:
    value = root.department_id
    return None if value is None else strawberry.ID(encode_id("Department", value))


@strawberry.type(
    description=(
        "Targets for the items that match its rules (a null rule matches anything); the first"
        " active matching policy by position wins."
    )
)
class SlaPolicy(ModelNode):
    __model__ = models.SlaPolicy
    __permission__ = VIEW
    __needs__ = {
        "deadline_kind": needs("deadline_kind"),
        "department_id": needs("department_id"),
    }

    id: relay.NodeID[int]
    name: str
    active: bool
    position: int = strawberry.field(description="Lower goes first when several policies match.")
    office: str | None
    category: str | None
    priority: str | None
    channel: str | None
    party: Party | None
    first_response_minutes: int | None = strawberry.field(
        description="Business minutes to the first response."
    )
    resolution_minutes: int | None = strawberry.field(description="Business minutes to resolution.")
    deadline_days: int | None = strawberry.field(
        description="A legal deadline instead of resolutionMinutes: days to resolution."
    )
    warn_before_percent: int | None
    warn_before_minutes: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    deadline_kind: SlaDeadlineKind | None = strawberry.field(resolver=_deadline_kind)
    department_id: strawberry.ID | None = strawberry.field(
        resolver=_department_id, description="The department rule (a Department id)."
    )


def _state(root: models.SlaClock) -> SlaClockState:
    return SlaClockState(root.state)


def _breached(root: models.SlaClock) -> bool:
    return root.breached_at is not None


def _paused_minutes(root: models.SlaClock) -> int:
    return int(root.paused_seconds // 60)


def _clock_department_id(root: models.SlaClock) -> strawberry.ID | None:
    value = root.department_id
    return None if value is None else strawberry.ID(encode_id("Department", value))


@strawberry.type(
    description=(
        "The time an item of an office (a queue ticket, a case) takes against its targets."
        " Due times are null while the clock is paused or finished."
    )
)
class SlaClock(ModelNode):
    __model__ = models.SlaClock
    __permission__ = VIEW
    __site_field__ = "site_id"
    __needs__ = {
        "state": needs("state"),
        "breached": needs("breached_at"),
        "paused_minutes": needs("paused_seconds"),
        "department_id": needs("department_id"),
    }

    id: relay.NodeID[int]
    office: str
    item_type: str
    item_id: int
    site: Site | None
    policy: SlaPolicy | None
    category: str | None
    priority: str | None
    channel: str | None
    started_at: dt.datetime
    responded_at: dt.datetime | None
    resolved_at: dt.datetime | None
    stopped_at: dt.datetime | None
    due_response_at: dt.datetime | None
    due_resolution_at: dt.datetime | None
    response_target: int | None = strawberry.field(
        description="Minutes to the first response (business minutes)."
    )
    resolution_target: int | None = strawberry.field(
        description="Minutes to resolution (business minutes, or elapsed for calendar days)."
    )
    warned_at: dt.datetime | None
    breached_at: dt.datetime | None = strawberry.field(
        description="When a first target was missed."
    )
    response_breached_at: dt.datetime | None
    resolution_breached_at: dt.datetime | None
    used_business_minutes: int = strawberry.field(
        description="Business minutes counted up to the last pause, answer or change."
    )
    response_minutes: int | None = strawberry.field(
        description="Business minutes it took to the first response."
    )
    resolution_minutes: int | None = strawberry.field(
        description="Business minutes it took to resolution."
    )
    state: SlaClockState = strawberry.field(resolver=_state)
    breached: bool = strawberry.field(resolver=_breached, description="A target was missed.")
    paused_minutes: int = strawberry.field(
        resolver=_paused_minutes, description="Minutes spent paused (finished pauses)."
    )
    department_id: strawberry.ID | None = strawberry.field(resolver=_clock_department_id)


@strawberry.type(description="One group of slaReport: clocks started in the period.")
class SlaReportRow:
    group: SlaReportGroup
    key: str | None = strawberry.field(
        description="The policy's, department's or office's key (null: none)."
    )
    label: str = strawberry.field(description="The policy's name, the department or the office.")
    policy: SlaPolicy | None
    department_id: strawberry.ID | None
    office: str | None
    met: int = strawberry.field(description="Finished without missing a target.")
    breached: int = strawberry.field(description="Missed a target (finished or not).")
    open: int = strawberry.field(description="Still counting or paused, no target missed yet.")
    avg_response_minutes: float | None
    avg_resolution_minutes: float | None


SlaError = office_errors("Sla", "NO_TARGET", "TARGET_CONFLICT")
