"""``queueTicketIssue`` written by hand: the statements a counter ticket needs, in one
transaction, with no framework between the request and the SQL.

1. the service, its site's time zone and the site's active counters;
2. the number: an upsert on the (service, day) sequence row, ``RETURNING`` the new number
   (the row lock serialises issuers, so numbers are gapless);
3. the day's waiting tickets of the site (the estimated wait and the display's counts);
4. the ticket, ``RETURNING`` its id;
5. the audit entry;
6. the outbox event.

No SLA clock and no permission check: the floor Sportello's six statements are measured against.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

_PLACEHOLDER = re.compile(r"\?")


def _sql(conn: Any, sql: str) -> str:
    if getattr(conn.capabilities, "dialect", "") != "postgres":
        return sql
    count = iter(range(1, 1000))
    return _PLACEHOLDER.sub(lambda _: f"${next(count)}", sql)


async def issue(service_id: int, priority: str = "normal") -> dict[str, Any] | None:
    """The new ticket's id and code, or None when the service does not exist."""
    async with in_transaction() as conn:

        async def rows(sql: str, *params: Any) -> list[dict[str, Any]]:
            return list(await conn.execute_query_dict(_sql(conn, sql), list(params)))

        found = await rows(
            "SELECT s.id, s.site_id, s.prefix, s.service_minutes, st.timezone,"
            " (SELECT COUNT(*) FROM counter_counter c WHERE c.site_id = s.site_id AND c.active)"
            " AS counters FROM counter_service s JOIN parties_site st ON st.id = s.site_id"
            " WHERE s.id = ? AND s.active",
            service_id,
        )
        if not found:
            return None
        service = found[0]
        now = dt.datetime.now(dt.UTC)
        day = now.astimezone(ZoneInfo(service["timezone"] or "UTC")).date()
        number = (
            await rows(
                "INSERT INTO counter_ticket_sequence (service_id, day, last_number)"
                " VALUES (?, ?, 1) ON CONFLICT (service_id, day) DO UPDATE"
                " SET last_number = counter_ticket_sequence.last_number + 1 RETURNING last_number",
                service_id,
                day,
            )
        )[0]["last_number"]
        waiting = await rows(
            "SELECT service_id, priority FROM counter_ticket"
            " WHERE site_id = ? AND day = ? AND status = 'waiting'",
            service["site_id"],
            day,
        )
        ahead = sum(1 for w in waiting if w["service_id"] == service_id)
        wait = math.ceil(ahead * service["service_minutes"] / max(1, service["counters"]))
        code = f"{service['prefix']}{number:03d}"
        ticket_id = (
            await rows(
                "INSERT INTO counter_ticket (day, number, code, priority, status, channel,"
                " party_name, estimated_wait_minutes, issued_at, clerk_label, recalls, outcome,"
                " transfers, near_notified, numbered_service_id, service_id, site_id)"
                " VALUES (?, ?, ?, ?, 'waiting', 'kiosk', '', ?, ?, '', 0, '', 0, FALSE, ?, ?, ?)"
                " RETURNING id",
                day,
                number,
                code,
                priority,
                wait,
                now,
                service_id,
                service_id,
                service["site_id"],
            )
        )[0]["id"]
        await rows(
            "INSERT INTO identity_audit_entry (at, actor_label, operation, object_type,"
            " object_id, changes, site_id) VALUES (?, 'bench', 'queueTicketIssue', 'QueueTicket',"
            " ?, ?, ?)",
            now,
            str(ticket_id),
            json.dumps({"after": {"code": code, "priority": priority, "channel": "kiosk"}}),
            service["site_id"],
        )
        counts: dict[str, int] = {str(service_id): 1}
        for w in waiting:
            counts[str(w["service_id"])] = counts.get(str(w["service_id"]), 0) + 1
        payload = {
            "ticket_id": ticket_id,
            "number": code,
            "service_id": service_id,
            "status": "waiting",
            "counter_id": None,
            "counter_name": None,
            "waiting": counts,
        }
        await rows(
            "INSERT INTO events_outbox (name, version, aggregate, site_id, payload, occurred_at)"
            " VALUES ('counter.ticket.issued', 1, ?, ?, ?, ?)",
            f"ticket:{ticket_id}",
            service["site_id"],
            json.dumps(payload),
            now,
        )
    return {"id": ticket_id, "code": code}
