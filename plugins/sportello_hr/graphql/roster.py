"""The roster's GraphQL types: stations, shift templates, shifts, swaps, skills."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_hr import models
from sportello_hr.graphql.training import Course
from sportello_hr.graphql.types import DirectoryEntry, LeaveStatus


@strawberry.enum(description="What a station is for.")
class StationKind(enum.Enum):
    FRONT_DESK = models.FRONT_DESK
    COUNTER = models.COUNTER
    HOUSEKEEPING = models.HOUSEKEEPING
    OTHER = models.OTHER


@strawberry.type(description="A place at a site where someone must be on duty.")
class Station(api.ModelNode):
    __model__ = models.Station
    __permission__ = "hr.directory"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    site: api.Site
    name: str
    kind: StationKind
    required_skill: str = strawberry.field(
        description="A skill or training whoever works here must hold (empty: none)."
    )
    required_course: Course | None = strawberry.field(
        description="A course whoever works here must have completed, valid on the day."
    )
    active: bool


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _template_start(root: Any) -> str:
    return _clock(root.start_minute)


def _template_end(root: Any) -> str:
    return _clock(root.end_minute)


@strawberry.type(description="A shift pattern of a site; an end not after the start: next day.")
class ShiftTemplate(api.ModelNode):
    __model__ = models.ShiftTemplate
    __permission__ = "hr.directory"
    __site_field__ = "site_id"
    __needs__ = {"start": api.needs("start_minute"), "end": api.needs("end_minute")}

    id: relay.NodeID[int]
    site: api.Site
    name: str
    station: Station | None
    start = strawberry.field(resolver=_template_start, graphql_type=str, description="HH:MM")
    end = strawberry.field(resolver=_template_end, graphql_type=str, description="HH:MM")


@strawberry.type(description="An employee on duty at a station: a line of the roster.")
class Shift(api.ModelNode):
    __model__ = models.Shift
    __permission__ = "hr.directory"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    employee: DirectoryEntry
    station: Station
    site: api.Site
    start: dt.datetime
    end: dt.datetime
    overridden: bool = strawberry.field(description="Assigned by a manager despite a check.")


@strawberry.type(description="A request to hand a shift to a colleague, or exchange two.")
class ShiftSwap(api.ModelNode):
    __model__ = models.ShiftSwap
    __permission__ = "hr.directory"
    __site_field__ = "site_id"

    id: relay.NodeID[int]
    shift: Shift
    other_shift: Shift | None
    requester: DirectoryEntry
    colleague: DirectoryEntry
    status: LeaveStatus
    decided_at: dt.datetime | None
    created_at: dt.datetime


@strawberry.type(description="A skill or a training an employee holds, and until when.")
class EmployeeSkill(api.ModelNode):
    __model__ = models.EmployeeSkill
    __permission__ = "hr.view"
    __site_field__ = "employee__site_id"

    id: relay.NodeID[int]
    code: str
    acquired_on: dt.date | None
    valid_until: dt.date | None = strawberry.field(description="Null: it does not expire.")
