from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from sportello.identity.models import User
    from sportello.parties.models import Site

#: Department.kind values
DEPARTMENT = "department"
TEAM = "team"
KINDS = (DEPARTMENT, TEAM)


class Department(Model):
    """A unit of the organisation (a department, or a team within one) that work is routed to."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    #: A short code, unique among the units under the same parent (null: none)
    code = fields.CharField(max_length=32, null=True)
    #: department or team
    kind = fields.CharField(max_length=16, default=DEPARTMENT)
    parent: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "org.Department",
        related_name="children",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    parent_id: int | None
    #: The site the unit works at (null: the whole organisation)
    site: fields.ForeignKeyNullableRelation[Site] = fields.ForeignKeyField(
        "parties.Site",
        related_name="departments",
        null=True,
        on_delete=fields.RESTRICT,
        db_index=True,
    )
    site_id: int | None
    manager: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "identity.User", related_name="managed_departments", null=True, on_delete=fields.SET_NULL
    )
    manager_id: int | None
    #: False once archived: kept for history, no new work is routed to it
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_department"
        ordering = ["name", "id"]
        unique_together = (("parent", "code"),)


class Member(Model):
    """A user working in a unit."""

    id = fields.IntField(primary_key=True)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "org.Department", related_name="members", on_delete=fields.RESTRICT
    )
    department_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "identity.User",
        related_name="department_memberships",
        on_delete=fields.CASCADE,
        db_index=True,
    )
    user_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_member"
        ordering = ["department_id", "id"]
        unique_together = (("department", "user"),)
