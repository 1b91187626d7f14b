"""What the CRM tells people: the requester at each step, the department on a transfer."""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_crm import models as m

CASE_RECEIVED = api.NotificationKind(
    name="crm.case_received",
    title="Your request was received",
    audience="requested",
    channels=("email", "sms"),
    params=("ref", "subject"),
    description="Sent to the requester when a case is taken, with its reference.",
)
CASE_TRANSFERRED = api.NotificationKind(
    name="crm.case_transferred",
    title="Your request went to a department",
    audience="requested",
    channels=("email",),
    params=("ref", "subject", "department"),
    description="Sent to the requester when the desk passes the case to a department "
    "([modules.crm] notify_on_transfer).",
)
CASE_RESOLVED = api.NotificationKind(
    name="crm.case_resolved",
    title="Your request was answered",
    audience="requested",
    channels=("email", "sms"),
    params=("ref", "subject", "outcome"),
    description="Sent to the requester when the case is resolved, with the outcome.",
)
CASE_ASSIGNED = api.NotificationKind(
    name="crm.case_assigned",
    title="A case was passed to your department",
    audience="staff",
    channels=("in_app", "email"),
    params=("ref", "subject", "note"),
    description="Sent to the members of the department a case is transferred to.",
)
SATISFACTION = api.NotificationKind(
    name="crm.case_satisfaction",
    title="How did we do?",
    audience="requested",
    channels=("email", "sms"),
    params=("ref", "subject"),
    description="Asks the requester, after a case is resolved, how satisfied they are "
    "([modules.crm] satisfaction_after_hours).",
)
FOLLOW_UP_DUE = api.NotificationKind(
    name="crm.follow_up_due",
    title="A follow-up is due",
    audience="staff",
    channels=("in_app", "email"),
    params=("title", "due"),
    description="Reminds the owner of a follow-up on its due date.",
)
KINDS = [CASE_RECEIVED, CASE_TRANSFERRED, CASE_RESOLVED, CASE_ASSIGNED, SATISFACTION, FOLLOW_UP_DUE]


def ref(case: m.Case) -> str:
    """The reference the requester is given."""
    return f"C-{case.id:06d}"


async def tell_party(kind: api.NotificationKind, case: m.Case, **params: str) -> None:
    if case.party_id is None:
        return
    await api.notify(
        kind.name,
        party_ids=[case.party_id],
        site_id=case.site_id,
        params={"ref": ref(case), "subject": case.subject, **params},
        key=f"crm:case:{case.id}",
    )


async def tell_department(case: m.Case, note: str) -> None:
    if case.department_id is None:
        return
    users = await api.department_member_ids(case.department_id)
    if not users:
        users = await api.department_manager_ids(case.department_id)
    if users:
        await api.notify(
            CASE_ASSIGNED.name,
            user_ids=sorted(users),
            site_id=case.site_id,
            params={"ref": ref(case), "subject": case.subject, "note": note or "-"},
            key=f"crm:case:{case.id}:staff",
        )


def survey_key(case: m.Case) -> str:
    return f"crm:case:{case.id}:survey"


async def ask_satisfaction(case: m.Case, hours: int | None) -> None:
    """Queued at resolution, sent ``hours`` later unless the case is reopened first."""
    if case.party_id is None or hours is None or case.resolved_at is None:
        return
    await api.notify(
        SATISFACTION.name,
        party_ids=[case.party_id],
        site_id=case.site_id,
        params={"ref": ref(case), "subject": case.subject},
        not_before=case.resolved_at + dt.timedelta(hours=hours),
        key=survey_key(case),
    )
