"""Where a case goes: to a department with its context, waiting on the party, resolved, and
back when the party answers. Each step is a conditional UPDATE (see ``cases.change``), has an
entry in the case's history and moves the SLA clock."""

from __future__ import annotations

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services import notices
from sportello_crm.services.cases import change


async def transfer(
    actor: api.Actor,
    case_id: int,
    department_id: int,
    note: str = "",
    version: int | None = None,
) -> m.Case:
    """The desk (or a department) passes the case to a department, with a note: the
    department sees the party, the interactions and the linked objects on the case."""
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        if not await api.department_exists(department_id, case.site_id):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "departmentId")
        if case.department_id == department_id and case.status == m.TRANSFERRED:
            raise api.ServiceError("INVALID_TRANSITION", "crm.same_department", "departmentId")
        previous = case.status
        before = {"status": previous, "department_id": case.department_id}
        case = await change(
            case,
            version,
            (m.OPEN, m.TRANSFERRED),
            status=m.TRANSFERRED,
            department_id=department_id,
            assignee_id=None,
        )
        await c.entry(actor, case, m.TRANSFER, from_status=previous, note=note.strip())
        await api.sla_reassess(c.OFFICE, c.CASE_ITEM, case.id, department_id=department_id)
        await api.record(
            actor,
            "caseTransfer",
            case,
            before=before,
            after={"status": case.status, "department_id": department_id, "note": note},
        )
        await notices.tell_department(case, note.strip())
        if c.settings().notify_on_transfer:
            department = await _department_name(department_id)
            await notices.tell_party(notices.CASE_TRANSFERRED, case, department=department)
        await c.publish_case(c.CASE_TRANSFERRED, case)
    return case


async def _department_name(department_id: int) -> str:
    for unit in await api.Department.__model__.filter(id=department_id).values("name"):
        return str(unit["name"])
    return ""


async def wait_for_party(
    actor: api.Actor, case_id: int, note: str = "", version: int | None = None
) -> m.Case:
    """Waiting on the requester (a document, an answer): the SLA clock pauses."""
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        previous = case.status
        case = await change(
            case, version, (m.OPEN, m.TRANSFERRED), status=m.WAITING, resume_status=previous
        )
        await c.entry(actor, case, m.WAITING_PARTY, from_status=previous, note=note.strip())
        await api.sla_pause(c.OFFICE, c.CASE_ITEM, case.id, "waiting_customer")
        await api.record(
            actor, "caseWait", case, before={"status": previous}, after={"status": m.WAITING}
        )
    return case


async def party_answered(actor: api.Actor, case: m.Case, note: str = "") -> m.Case:
    """The party wrote or called about the case: a waiting case goes back to whoever had it
    (the clock runs again), a resolved one is reopened. Inside the caller's transaction."""
    if case.status == m.WAITING:
        back = case.resume_status or (m.TRANSFERRED if case.department_id else m.OPEN)
        case = await change(case, None, (m.WAITING,), status=back, resume_status=None)
        await c.entry(actor, case, m.PARTY_ANSWERED, from_status=m.WAITING, note=note)
        await api.sla_resume(c.OFFICE, c.CASE_ITEM, case.id)
    elif case.status == m.RESOLVED:
        case = await _reopen(actor, case, None, note)
    return case


async def resolve(
    actor: api.Actor, case_id: int, outcome: str, version: int | None = None
) -> m.Case:
    """Answered: the outcome is recorded, the clock is met, the requester is told."""
    if not c.clean(outcome):
        raise api.ServiceError("REQUIRED", "core.required", "outcome")
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        previous = case.status
        at = c.now()
        case = await change(
            case, version, m.ACTIVE, status=m.RESOLVED, outcome=outcome.strip(), resolved_at=at
        )
        await c.entry(actor, case, m.RESOLVE, from_status=previous, note=case.outcome or "", at=at)
        await api.sla_resolve(c.OFFICE, c.CASE_ITEM, case.id, at=at)
        await api.record(
            actor,
            "caseResolve",
            case,
            before={"status": previous},
            after={"status": m.RESOLVED, "outcome": case.outcome},
        )
        await notices.tell_party(notices.CASE_RESOLVED, case, outcome=case.outcome or "")
        await notices.ask_satisfaction(case, c.settings().satisfaction_after_hours)
        await c.publish_case(c.CASE_RESOLVED, case)
    return case


async def reopen(
    actor: api.Actor, case_id: int, note: str = "", version: int | None = None
) -> m.Case:
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        case = await _reopen(actor, case, version, note.strip())
        await api.record(
            actor, "caseReopen", case, before={"status": m.RESOLVED}, after={"status": case.status}
        )
    return case


async def _reopen(actor: api.Actor, case: m.Case, version: int | None, note: str) -> m.Case:
    back = m.TRANSFERRED if case.department_id else m.OPEN
    case = await change(
        case,
        version,
        (m.RESOLVED,),
        status=back,
        resolved_at=None,
        reopened_count=case.reopened_count + 1,
    )
    await c.entry(actor, case, m.REOPENED, from_status=m.RESOLVED, note=note)
    # The met clock counts again, with what it counted before (the closed time left out).
    await api.sla_restart(c.OFFICE, c.CASE_ITEM, case.id)
    await api.notify_cancel(notices.survey_key(case))
    await c.publish_case(c.CASE_REOPENED, case)
    return case


async def record_satisfaction(
    actor: api.Actor, case_id: int, score: int, comment: str = ""
) -> m.Case:
    """The requester's answer to the survey (taken by the desk, a web form, a call): once, on
    a resolved case."""
    if not 1 <= score <= 5:
        raise api.ServiceError("OUT_OF_RANGE", "crm.satisfaction_range", "score")
    async with api.atomic():
        case = await c.visible_case(actor, case_id)
        done = await m.Case.filter(id=case.id, status=m.RESOLVED, satisfaction=None).update(
            satisfaction=score, satisfaction_comment=comment.strip()
        )
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "crm.satisfaction_once", "id")
        case = await m.Case.get(id=case.id)
        await c.entry(actor, case, m.NOTE, from_status=case.status, note=f"satisfaction {score}/5")
        await api.record(actor, "caseSatisfactionRecord", case, after={"score": score})
    return case
