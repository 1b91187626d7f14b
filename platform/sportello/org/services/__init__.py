"""Departments and teams: the units of the organisation, nested, optionally per site.

A module per job; the names below keep ``services.<name>`` working for the rest of the code.
Modules of this package import each other, never this package.
"""

from __future__ import annotations

from sportello.org.services._common import (
    MAX_DEPTH,
    lock_tree,
    may_write,
    usable_at,
    visible,
    works_at,
)
from sportello.org.services.members import add_member, remove_member
from sportello.org.services.privacy import erase_party_memberships, party_department_data
from sportello.org.services.routing import (
    department_exists,
    department_manager_ids,
    department_member_ids,
    user_department_ids,
)
from sportello.org.services.units import (
    KEEP,
    UNIT_FIELDS,
    create_department,
    delete_department,
    update_department,
)

__all__ = [
    "KEEP",
    "MAX_DEPTH",
    "UNIT_FIELDS",
    "add_member",
    "create_department",
    "delete_department",
    "department_exists",
    "department_manager_ids",
    "department_member_ids",
    "erase_party_memberships",
    "lock_tree",
    "may_write",
    "party_department_data",
    "remove_member",
    "update_department",
    "usable_at",
    "user_department_ids",
    "visible",
    "works_at",
]
