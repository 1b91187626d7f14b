"""The SLA engine's services, by aggregate: policies, clocks, the sweeper, reports."""

from sportello.sla.services._common import (
    CLOCK_BREACHED,
    CLOCK_WARNING,
    MANAGE,
    VIEW,
    ClockEvent,
    now,
)
from sportello.sla.services.clocks import (
    get,
    get_many,
    pause,
    reassess,
    resolve,
    respond,
    restart,
    resume,
    start,
    stop,
)
from sportello.sla.services.policies import create_policy, match_policy, update_policy
from sportello.sla.services.reports import GROUPS, ReportRow, report
from sportello.sla.services.sweep import Sweeper, sweep

__all__ = [
    "CLOCK_BREACHED",
    "CLOCK_WARNING",
    "GROUPS",
    "MANAGE",
    "VIEW",
    "ClockEvent",
    "ReportRow",
    "Sweeper",
    "create_policy",
    "get",
    "get_many",
    "match_policy",
    "now",
    "pause",
    "reassess",
    "report",
    "resolve",
    "respond",
    "restart",
    "resume",
    "start",
    "stop",
    "sweep",
    "update_policy",
]
