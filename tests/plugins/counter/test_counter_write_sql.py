"""queueTicketIssue's SQL: the counter's part is six statements (the service with its site's
zone and serving counters, the number, the queue, the ticket, the audit entry, the outbox
event), all in one transaction; the wait clock of the SLA engine adds two (its policy and
calendars read together, and the clock)."""

from __future__ import annotations

from counter_helpers import ISSUE, MODULES, office

from sportello.testing import count_queries

#: Tables the core's SLA engine reads and writes when the wait clock starts.
SLA_TABLES = ("sla_", "calendars_")


def _request(statement: str) -> bool:
    """Not the event dispatcher's work (it runs beside the request, after commit)."""
    return statement.startswith("INSERT") or "events_" not in statement


async def test_queue_ticket_issue_statements(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, counters=(("A",), ("A",)))
        a = setup["services"]["A"]
        token = await h.token(roles=["front_desk"])
        for n in (1, 2):  # the first of the day creates the sequence row in the same statement
            await h.settle()
            with count_queries() as seen:
                got = await h.ok(ISSUE, {"i": {"serviceId": a}}, token=token, check_audit=False)
            statements = [s for s in seen if _request(s)]
            assert got["queueTicketIssue"]["ticket"]["number"] == f"A00{n}"
            own = [s for s in statements if not any(t in s for t in SLA_TABLES)]
            # On PostgreSQL the outbox also sends its wake-up (NOTIFY, delivered at commit).
            own = [s for s in own if not s.startswith("SELECT pg_notify(")]
            assert len(own) <= 6, own
            assert sum('INSERT INTO "identity_audit_entry"' in s for s in own) == 1
            assert sum('INSERT INTO "events_outbox"' in s for s in own) == 1
            sla = [s for s in statements if any(t in s for t in SLA_TABLES)]
            # The SLA engine's sla_start: the policy and calendars in one read, then the clock.
            assert len(sla) == 2, sla
            assert sum(s.startswith('INSERT INTO "sla_clock"') for s in sla) == 1
