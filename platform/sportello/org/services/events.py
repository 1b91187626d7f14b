"""What the org publishes through the outbox, in the transaction of the change: offices and
integrations follow units and their members without polling."""

from __future__ import annotations

from pydantic import BaseModel, Field

from sportello.events import publish
from sportello.events.registry import EventType
from sportello.org.models import Department

CREATED = "org.department.created"
UPDATED = "org.department.updated"
DELETED = "org.department.deleted"
MEMBER_ADDED = "org.department.member_added"
MEMBER_REMOVED = "org.department.member_removed"


class DepartmentChanged(BaseModel):
    """A unit as it is after the change (as it was, for a deletion)."""

    department_id: int = Field(description="The unit's id")
    name: str = Field(description="Its name")
    kind: str = Field(description="department or team")
    parent_id: int | None = Field(description="The unit it belongs to (null: a top unit)")
    site_id: int | None = Field(description="Its site (null: organisation-wide)")
    manager_user_id: int | None = Field(description="The user who leads it")
    active: bool = Field(description="False once archived")
    changed: list[str] = Field(
        default_factory=list, description="The fields an update changed (empty otherwise)"
    )


class MemberChanged(BaseModel):
    """A user joined or left a unit."""

    department_id: int = Field(description="The unit's id")
    user_id: int = Field(description="The user's id")


EVENT_TYPES = [
    EventType(CREATED, description="A department or team was created.", payload=DepartmentChanged),
    EventType(
        UPDATED,
        description="A unit was renamed, moved, re-staffed, archived or restored.",
        payload=DepartmentChanged,
    ),
    EventType(DELETED, description="A unit was deleted.", payload=DepartmentChanged),
    EventType(MEMBER_ADDED, description="A user joined a unit.", payload=MemberChanged),
    EventType(MEMBER_REMOVED, description="A user left a unit.", payload=MemberChanged),
]


async def unit_event(name: str, unit: Department, changed: list[str] | None = None) -> None:
    payload = DepartmentChanged(
        department_id=unit.id,
        name=unit.name,
        kind=unit.kind,
        parent_id=unit.parent_id,
        site_id=unit.site_id,
        manager_user_id=unit.manager_id,
        active=unit.active,
        changed=[c.removesuffix("_id") for c in changed or []],
    )
    await publish(name, payload, aggregate=f"department:{unit.id}", site_id=unit.site_id)


async def member_event(name: str, unit: Department, user_id: int) -> None:
    payload = MemberChanged(department_id=unit.id, user_id=user_id)
    await publish(name, payload, aggregate=f"department:{unit.id}", site_id=unit.site_id)
