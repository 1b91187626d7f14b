"""The payloads and inputs of training's mutations."""

from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr.graphql.training import Course, TrainingRecord
from sportello_hr.graphql.types import HrRosterError

CoursePayload = api.payload(Course, errors=HrRosterError)
TrainingRecordPayload = api.payload(TrainingRecord, errors=HrRosterError)


@strawberry.input(description="A course's name in one language (en, it, es, el).")
class CourseNameInput:
    language: str
    name: str


def names_of(names: list[CourseNameInput] | None) -> dict[str, str] | None:
    return None if names is None else {n.language: n.name for n in names}


# Written out: the removed record's ID instead of the record.
@strawberry.type
class TrainingRecordRemovePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[HrRosterError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]  # a generated type
