"""Notice of contracts ending: within ``[modules.hr] contract_notice_days`` of a contract's
last day, its employee's manager and HR (the members of the department whose code is
``[modules.hr] hr_department_code``) are told, once per contract.

Once, even with two processes sending at the same moment: the ``hr_contract_notice`` row
(UNIQUE contract) is inserted in the transaction that queues the notification; the second
insert fails (on PostgreSQL it waits for the first to commit), so its notification is rolled
back with it. A failure sends nothing and leaves the contract for the next run.

Who runs it: a daily job (``sportello hr-contract-notices``, cron or a scheduler) or the
``contractNoticesSend`` mutation; the notifications then leave through the core's
notification sweeper like every other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_hr import models as m
from sportello_hr.services._common import manager_user_ids, settings, today

AUDIT = "contractNoticesSend"
CONTRACT_ENDING = api.NotificationKind(
    name="hr.contract_ending",
    title="Contract ending",
    audience="staff",
    channels=("email", "in_app"),
    params=("employee", "job_title", "end", "days"),
    description=(
        "Sent once per contract to the employee's manager and to HR when the contract's last"
        " day is within [modules.hr] contract_notice_days."
    ),
)


async def hr_user_ids() -> set[int]:
    """The active users of HR: members of the departments coded ``hr_department_code``."""
    code = settings().hr_department_code
    if not code:
        return set()
    # The core's Department model, reached through hr's own foreign key to it.
    field: Any = m.Employee._meta.fields_map["department"]
    ids = await field.related_model.filter(code=code).values_list("id", flat=True)
    users: set[int] = set()
    for department_id in ids:
        users |= set(await api.department_member_ids(int(department_id)))
    return users


async def _announce(actor: api.Actor, contract: m.Contract, on: dt.date, hr: set[int]) -> bool:
    """Queue the notice of one contract unless it went out already; True when queued."""
    assert contract.end is not None
    try:
        async with api.atomic():
            await m.ContractNotice.create(contract_id=contract.id, end=contract.end)
            employee = await m.Employee.get(id=contract.employee_id).prefetch_related("party")
            recipients = (await manager_user_ids(employee) | hr) - {employee.user_id}
            if recipients:
                await api.notify(
                    CONTRACT_ENDING.name,
                    user_ids=sorted(u for u in recipients if u is not None),
                    site_id=employee.site_id,
                    params={
                        "employee": employee.party.display_name,
                        "job_title": employee.job_title,
                        "end": contract.end.isoformat(),
                        "days": (contract.end - on).days,
                    },
                    key=f"hr-contract-end:{contract.id}",
                )
            await api.record(
                actor,
                AUDIT,
                contract,
                after={"end": contract.end, "recipients": sorted(recipients)},
                site_id=employee.site_id,
            )
    except IntegrityError:
        return False  # announced by another run meanwhile
    return True


async def send_due(
    actor: api.Actor = api.SYSTEM, *, contract_id: int | None = None, on: dt.date | None = None
) -> int:
    """Announce every contract ending within the notice period not announced yet (or only
    ``contract_id``), at the actor's sites; how many."""
    first = on or today()
    last = first + dt.timedelta(days=settings().contract_notice_days)
    qs = m.Contract.filter(end__gte=first, end__lte=last, end_notice__id__isnull=True)
    if contract_id is not None:
        qs = qs.filter(id=contract_id)
    if actor.site_ids is not None:
        qs = qs.filter(employee__site_id__in=list(actor.site_ids))
    due = await qs.order_by("end", "id")
    hr = await hr_user_ids()
    sent = 0
    for contract in due:
        sent += await _announce(actor, contract, first, hr)
    if sent == 0:  # the run itself is an action someone took: audited even when nothing was due
        await api.record(actor, AUDIT, after={"sent": 0, "day": first.isoformat()})
    return sent


async def _job(run: api.JobRun) -> None:
    await send_due()


#: The notices as a periodic job of the core scheduler (``hr-contract-notices`` from cron does
#: the same): once a day, at 06:00 UTC, every contract entering its notice period.
JOB = api.Job(
    "hr.contract_notices",
    _job,
    at=dt.time(6, 0),
    description="Tell managers and HR of contracts ending within the notice period",
)
