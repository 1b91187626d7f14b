"""Human resources: employees, contracts, leave and the shifts at the desks."""

from __future__ import annotations

import argparse
import datetime as dt

from sportello import api
from sportello_hr import demo, services
from sportello_hr.graphql import (
    mutations,
    queries,
    roster,
    roster_queries,
    training,
    training_queries,
    types,
)
from sportello_hr.messages import MESSAGES
from sportello_hr.services import events as ev
from sportello_hr.services.party_merge import party_merge
from sportello_hr.settings import HrSettings

VIEW, MANAGE, DIRECTORY, LEAVE = "hr.view", "hr.manage", "hr.directory", "hr.leave"


def _startup(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("hr"))


async def _run_notices(args: argparse.Namespace, runtime: api.RuntimeView) -> int:
    services.configure(runtime.plugin_settings("hr"))
    sent = await services.notices.send_due()
    print(f"hr: {sent} contract end notice(s) queued")
    return 0


async def _run_purge(args: argparse.Namespace, runtime: api.RuntimeView) -> int:
    services.configure(runtime.plugin_settings("hr"))
    deleted = await services.privacy.purge()
    print(f"hr: {deleted} employment(s) past retention deleted")
    return 0


office = api.Office(
    name="hr",
    title="Human resources",
    version="0.1.0",
    description="Employees, contracts, leave with balances and approval, shifts at the desks.",
    settings=HrSettings,
    types=[
        types.Employee,
        types.DirectoryEntry,
        types.Contract,
        types.LeaveType,
        types.LeaveRequest,
        roster.Station,
        roster.ShiftTemplate,
        roster.Shift,
        roster.ShiftSwap,
        roster.EmployeeSkill,
        training.Course,
        training.TrainingRecord,
    ],
    queries=[queries.HrQueries, roster_queries.RosterQueries, training_queries.TrainingQueries],
    mutations=mutations.ALL,
    permissions={
        DIRECTORY: "Read the staff directory: names, departments, work contacts",
        LEAVE: "Ask for one's own leave and see one's balances; decide as a manager",
        VIEW: "See employees, contracts, leave and rosters",
        MANAGE: "HR work: hire, contracts, personal data, allocations, rosters",
    },
    roles={
        "front_desk": [DIRECTORY, LEAVE],
        "back_office": [DIRECTORY, LEAVE],
        "manager": [DIRECTORY, LEAVE, VIEW, MANAGE],
        "auditor": [DIRECTORY, VIEW],
    },
    translations=MESSAGES,
    notifications=[
        services.leave.REQUESTED,
        services.leave.APPROVED,
        services.leave.REJECTED,
        services.swaps.REQUESTED,
        services.expiry.TRAINING_EXPIRING,
        services.expiry.TEAM_TRAINING_EXPIRING,
        services.notices.CONTRACT_ENDING,
    ],
    event_types=[
        api.EventType(
            ev.EMPLOYEE_HIRED, description="A person was hired.", payload=ev.EmployeeHired
        ),
        api.EventType(
            ev.EMPLOYEE_LEFT,
            description="An employment ends (its last working day was set).",
            payload=ev.EmployeeLeft,
        ),
        api.EventType(
            ev.LEAVE_REQUESTED, description="An employee asked for leave.", payload=ev.LeaveEvent
        ),
        api.EventType(
            ev.LEAVE_APPROVED, description="A leave request was approved.", payload=ev.LeaveEvent
        ),
        api.EventType(
            ev.LEAVE_REJECTED, description="A leave request was rejected.", payload=ev.LeaveEvent
        ),
        api.EventType(
            ev.LEAVE_CANCELLED,
            description="A leave request was withdrawn; its days went back to the balance.",
            payload=ev.LeaveEvent,
        ),
        api.EventType(
            ev.SHIFT_ASSIGNED,
            description="An employee was put on the roster (or took a shift by a swap).",
            payload=ev.ShiftEvent,
        ),
        api.EventType(
            ev.SHIFT_REMOVED, description="A shift was taken off the roster.", payload=ev.ShiftEvent
        ),
    ],
    commands=[
        api.Command(
            "hr-purge",
            "Delete the employment records past their retention ([modules.hr] retention_years)",
            _run_purge,
        ),
        api.Command(
            "hr-contract-notices",
            "Tell managers and HR of contracts ending within [modules.hr] contract_notice_days"
            " (a daily job; each contract once)",
            _run_notices,
        ),
    ],
    jobs=[services.notices.JOB],
    startup=_startup,
    demo=demo.load,
    party_data=services.privacy.party_data,
    party_erase=services.privacy.party_erase,
    party_merge=party_merge,
)


# The core's staff questions, asked by other offices through sportello.api.
@api.hookimpl
async def sportello_staff_member(party_id: int, site_id: int | None) -> bool | None:
    return await services.staff.staff_member(party_id, site_id)


@api.hookimpl
async def sportello_staff_on_duty(user_id: int, site_id: int, at: dt.datetime) -> bool | None:
    return await services.staff.staff_on_duty(user_id, site_id, at)
