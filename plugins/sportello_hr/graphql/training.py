"""Training's GraphQL types: courses (named in the caller's language) and training records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_hr import models
from sportello_hr.graphql.types import DirectoryEntry


@strawberry.type(description="A course's name in one language.")
class CourseName:
    language: str
    name: str


def _name(root: Any, info: strawberry.Info) -> str:
    names: dict[str, str] = root.names or {}
    return names.get(info.context.language) or str(root.name)


def _names(root: Any) -> list[CourseName]:
    names: dict[str, str] = root.names or {}
    return [CourseName(language=k, name=v) for k, v in sorted(names.items())]


@strawberry.type(description="A training course and how long a completion counts.")
class Course(api.ModelNode):
    __model__ = models.Course
    __permission__ = "hr.directory"
    __needs__ = {"name": api.needs("name", "names"), "names": api.needs("names")}

    id: relay.NodeID[int]
    code: str
    name = strawberry.field(
        resolver=_name, graphql_type=str, description="In the caller's language when given."
    )
    names = strawberry.field(
        resolver=_names,
        graphql_type=list[CourseName],
        description="The name in other languages (the default name aside).",
    )
    validity_months: int | None = strawberry.field(description="Null: it never expires.")
    active: bool


@strawberry.type(description="An employee completed a course: when, until when, the certificate.")
class TrainingRecord(api.ModelNode):
    __model__ = models.TrainingRecord
    __permission__ = "hr.view"
    __site_field__ = "employee__site_id"

    id: relay.NodeID[int]
    employee: DirectoryEntry
    course: Course
    completed_on: dt.date
    expires_on: dt.date | None = strawberry.field(description="Null: it does not expire.")
    certificate_ref: str
