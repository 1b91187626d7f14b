"""Counter business rules, one module per aggregate; this package re-exports what the office uses.

Every write is transactional and audited; events are published inside the transaction. The
rules are documented where they are applied: site-local days in ``_common``, ticket numbers and
walk-ins in ``tickets``, the call-next order in ``call_next``, appointments in
``appointments``. ``services.now`` is the clock of ``_common``: reading it or setting it (tests
pin it) goes to that one clock, which every module reads at call time.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from sportello_counter.services import _common
from sportello_counter.services._common import (
    configure,
    local_day_filter,
    settings,
    site_today,
    site_zone,
    today_filter,
)
from sportello_counter.services.appointments import (
    CODE_ALPHABET,
    Slot,
    book,
    cancel_appointment,
    check_in,
    reschedule,
    slots,
)
from sportello_counter.services.call_next import call_next, call_rank
from sportello_counter.services.catalogue import (
    KEEP,
    MANAGE,
    SERVICE_FIELDS,
    create_counter,
    create_service,
    update_counter,
    update_service,
    works_at,
)
from sportello_counter.services.display import (
    DISPLAY_TOKEN_REVOKED,
    DisplayTokenRevoked,
    create_display_token,
    display_site,
    display_token,
    display_token_valid,
    recent_calls,
    revoke_display_token,
    waiting_counts,
)
from sportello_counter.services.hours import END_OF_DAY, is_open, normalise_hours
from sportello_counter.services.online import (
    public_appointment,
    public_book,
    public_cancel,
    public_reschedule,
    public_services,
    public_slots,
)
from sportello_counter.services.opening import ROSTER_OVERRIDE, open_counter
from sportello_counter.services.privacy import STATISTICS, party_data, party_erase
from sportello_counter.services.reads import (
    APPOINTMENT_ARRIVAL_STATUS,
    TICKET_ARRIVAL_STATUS,
    appointment_arrival_status,
    arrivals_for_hook,
    present_for_hook,
    ticket_arrival_status,
    ticket_expected_at,
    ticket_party_name,
)
from sportello_counter.services.statistics import (
    Statistics,
    StatRow,
    compute_statistics,
    p90,
    statistics_csv,
)
from sportello_counter.services.tickets import (
    ALLOWED_FROM,
    AT_COUNTER,
    EVENTS,
    PRESENT,
    PRIORITY_REASONS,
    TICKET_CALLED,
    TICKET_CANCELLED,
    TICKET_FINISHED,
    TICKET_ISSUED,
    TICKET_NO_SHOW,
    TICKET_SERVICE_STARTED,
    TICKET_TRANSFERRED,
    TicketEvent,
    cancel_ticket,
    finish_service,
    issue_ticket,
    issue_walk_in,
    no_show,
    recall,
    start_service,
    ticket_code,
    transfer,
)
from sportello_counter.services.wait_clock import load_wait_clocks, wait_clock

__all__ = [
    "ROSTER_OVERRIDE",
    "open_counter",
    "ALLOWED_FROM",
    "APPOINTMENT_ARRIVAL_STATUS",
    "AT_COUNTER",
    "CODE_ALPHABET",
    "DISPLAY_TOKEN_REVOKED",
    "END_OF_DAY",
    "EVENTS",
    "KEEP",
    "MANAGE",
    "PRESENT",
    "PRIORITY_REASONS",
    "SERVICE_FIELDS",
    "STATISTICS",
    "TICKET_ARRIVAL_STATUS",
    "TICKET_CALLED",
    "TICKET_CANCELLED",
    "TICKET_FINISHED",
    "TICKET_ISSUED",
    "TICKET_NO_SHOW",
    "TICKET_SERVICE_STARTED",
    "TICKET_TRANSFERRED",
    "DisplayTokenRevoked",
    "Slot",
    "StatRow",
    "Statistics",
    "TicketEvent",
    "appointment_arrival_status",
    "arrivals_for_hook",
    "book",
    "call_next",
    "load_wait_clocks",
    "wait_clock",
    "call_rank",
    "cancel_appointment",
    "cancel_ticket",
    "check_in",
    "compute_statistics",
    "configure",
    "create_counter",
    "create_display_token",
    "create_service",
    "display_site",
    "display_token",
    "display_token_valid",
    "finish_service",
    "is_open",
    "issue_ticket",
    "issue_walk_in",
    "local_day_filter",
    "no_show",
    "normalise_hours",
    "now",
    "p90",
    "party_data",
    "party_erase",
    "present_for_hook",
    "public_appointment",
    "public_book",
    "public_cancel",
    "public_reschedule",
    "public_services",
    "public_slots",
    "recall",
    "recent_calls",
    "reschedule",
    "revoke_display_token",
    "settings",
    "site_today",
    "site_zone",
    "slots",
    "start_service",
    "statistics_csv",
    "ticket_arrival_status",
    "ticket_code",
    "ticket_expected_at",
    "ticket_party_name",
    "today_filter",
    "transfer",
    "update_counter",
    "update_service",
    "waiting_counts",
    "works_at",
]


if TYPE_CHECKING:
    #: The clock (UTC): ``_Services.now`` below, seen by type checkers as the function it is.
    now: Callable[[], dt.datetime]


class _Services(types.ModuleType):
    @property
    def now(self) -> Callable[[], dt.datetime]:
        """The clock of ``_common`` itself (read at call time): never a copy."""
        return _common.now

    @now.setter
    def now(self, clock: Callable[[], dt.datetime]) -> None:
        # Pinning services.now (tests do, and undo it) pins the one clock every module reads.
        _common.now = clock


sys.modules[__name__].__class__ = _Services
