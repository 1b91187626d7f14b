"""A person's place in the organisation, in the GDPR export and on erasure."""

from __future__ import annotations

from sportello.contract import ErasureReport
from sportello.identity.models import User
from sportello.org.models import Department, Member


async def party_department_data(party_id: int) -> dict[str, object] | None:
    """The units the party's user accounts work in or lead."""
    user_ids = [u["id"] for u in await User.filter(party_id=party_id).values("id")]
    if not user_ids:
        return None
    members = await Member.filter(user_id__in=user_ids).values("department__name", "created_at")
    managed = await Department.filter(manager_id__in=user_ids).values("name")
    if not members and not managed:
        return None
    return {
        "member_of": [
            {"department": m["department__name"], "since": m["created_at"].isoformat()}
            for m in members
        ],
        "manager_of": [d["name"] for d in managed],
    }


async def erase_party_memberships(party_id: int) -> ErasureReport:
    """An erased person's accounts leave every unit and lead none."""
    user_ids = [u["id"] for u in await User.filter(party_id=party_id).values("id")]
    if user_ids:
        await Member.filter(user_id__in=user_ids).delete()
        await Department.filter(manager_id__in=user_ids).update(manager_id=None)
    return ErasureReport("org", erased=("org_member", "org_department.manager_id"))
