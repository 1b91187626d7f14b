"""queueTicketIssue's SQL, all in one transaction: the service with its site's zone and
serving counters, the number, the queue, the ticket, the SLA engine's read (its policy and
calendars together) and, just before commit, the rows nothing reads back meanwhile: the audit
entry, the outbox event with the dispatcher's wake-up (NOTIFY) and the wait clock, in one
statement (six in all): on PostgreSQL with data-modifying WITH, on SQLite through a view whose
trigger puts each row into its table."""

from __future__ import annotations

from counter_helpers import ISSUE, MODULES, office

from sportello.testing import count_queries

#: Tables the core's SLA engine reads and writes when the wait clock starts.
SLA_TABLES = ("sla_", "calendars_")
MOST = {"postgres": 6, "sqlite": 6}


def _request(statement: str) -> bool:
    """Not the event dispatcher's work (it runs beside the request, after commit), nor the
    bearer token's lookup (cached for a few seconds, sent again on a slow machine)."""
    if "identity_token" in statement:
        return False
    return "INSERT" in statement or "events_" not in statement


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
            assert len(statements) <= MOST[h.backend], "\n".join(statements)
            reads = [s for s in statements if s.startswith("SELECT") and "sla_policy" in s]
            assert len(reads) == 1, reads  # the SLA engine's policy and calendars, together
            if h.backend == "postgres":
                [audit] = [s for s in statements if 'INSERT INTO "identity_audit_entry"' in s]
                [event] = [s for s in statements if 'INSERT INTO "events_outbox"' in s]
                [clock] = [s for s in statements if 'INSERT INTO "sla_clock"' in s]
                assert audit == event == clock and "pg_notify(" in event
            else:
                [end] = [s for s in statements if 'INSERT INTO "core_end_rows"' in s]
                for table in ("identity_audit_entry", "events_outbox", "sla_clock"):
                    assert f"'{table}'" in end
        # The clock written at commit is the ticket's, with its target.
        clocks = await h.ok(
            "query($s: ID!) { queueTickets(serviceId: $s, first: 5) "
            "{ edges { node { number slaClock { state } } } } }",
            {"s": a},
            token=token,
        )
        assert [e["node"]["slaClock"]["state"] for e in clocks["queueTickets"]["edges"]] == [
            "RUNNING",
            "RUNNING",
        ]
