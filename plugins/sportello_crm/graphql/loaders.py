"""Batch loaders: what a page of interactions or cases shows, in fixed queries."""

from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_crm import models
from sportello_crm.graphql.values import CaseHistoryEntry, CaseStatus, LinkedObject
from sportello_crm.services import reads


def _status(value: str | None) -> CaseStatus | None:
    return CaseStatus(value) if value in models.STATUSES else None


def _gid(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else api.encode_id(type_name, pk)


async def _links(objects: list[Any], owner: str) -> None:
    found = await reads.links_of(owner, [o.id for o in objects])
    for o in objects:
        o.__dict__["crm_links"] = [
            LinkedObject(object_type=t, object_id=strawberry.ID(i)) for t, i in found[o.id]
        ]


async def interaction_links(objects: list[Any]) -> None:
    await _links(objects, "interaction_id")


async def case_links(objects: list[Any]) -> None:
    await _links(objects, "case_id")


async def history(objects: list[Any]) -> None:
    found = await reads.history_of([o.id for o in objects])
    for o in objects:
        o.__dict__["crm_history"] = [
            CaseHistoryEntry(
                action=e.action,
                from_status=_status(e.from_status),
                to_status=_status(e.to_status),
                department_id=_gid("Department", e.department_id),
                note=e.note,
                user_id=_gid("User", e.user_id),
                at=e.at,
            )
            for e in found[o.id]
        ]


async def due_times(objects: list[Any]) -> None:
    """For what the page's query did not select (model instances, a case loaded alone)."""
    objects = [o for o in objects if "crm_due" not in o.__dict__]
    if not objects:
        return
    found = await reads.due_times_of([o.id for o in objects])
    for o in objects:
        o.__dict__["crm_due"] = found.get(o.id)


async def clocks(objects: list[Any]) -> None:
    found = await reads.clocks_of([o.id for o in objects])
    for o in objects:
        o.__dict__["crm_clock"] = found.get(o.id)


async def loaded(root: Any, attribute: str, batch: Any) -> Any:
    """One object (a payload, ``node(id:)``): load it as a page of one."""
    await batch([root])
    return root.__dict__[attribute]


def read(root: Any, attribute: str, batch: Any) -> Any:
    """What the page's loader put on the row; for one object, an awaitable loading it."""
    if attribute in root.__dict__:
        return root.__dict__[attribute]
    return loaded(root, attribute, batch)
