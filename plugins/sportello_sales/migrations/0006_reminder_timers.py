"""Payment reminders move from SLA clocks to the core scheduler's one-shot timers: every
reminder clock still running becomes the timer of its invoice and level, due when the clock
was (a pending level keeps its moment), and the reminder clocks are deleted, so ``slaClocks``
and ``slaReport`` no longer list them. Reminders already sent stay in ``sales_reminder``."""

import datetime as dt
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

EVENT = "sales.payment_reminder.due"
WHERE = "office = 'sales' AND item_type LIKE 'reminder_%'"
PENDING = (
    f"{WHERE} AND state = 'running' AND resolution_breached_at IS NULL"
    " AND due_resolution_at IS NOT NULL"
)
# 'reminder_' is nine characters: the level follows it.
POSTGRES = f"""
INSERT INTO schedule_timer (key, event, payload, site_id, due_at, fired_at, version, created_at)
SELECT 'sales.reminder:' || item_id || ':' || substr(item_type, 10), $1,
       jsonb_build_object('invoice_id', item_id, 'level', CAST(substr(item_type, 10) AS INTEGER)),
       NULL, due_resolution_at, NULL, 1, $2
FROM sla_clock WHERE {PENDING}
ON CONFLICT (key) DO NOTHING
"""
SQLITE = f"""
INSERT INTO schedule_timer (key, event, payload, site_id, due_at, fired_at, version, created_at)
SELECT 'sales.reminder:' || item_id || ':' || substr(item_type, 10), ?,
       json_object('invoice_id', item_id, 'level', CAST(substr(item_type, 10) AS INTEGER)),
       NULL, due_resolution_at, NULL, 1, ?
FROM sla_clock WHERE {PENDING}
ON CONFLICT (key) DO NOTHING
"""
DELETE_PAUSES = f"DELETE FROM sla_clock_pause WHERE clock_id IN (SELECT id FROM sla_clock WHERE {WHERE})"
DELETE_CLOCKS = f"DELETE FROM sla_clock WHERE {WHERE}"


async def forward(apps: Any, editor: Any) -> None:
    client = editor.client
    dialect = client.capabilities.dialect
    if dialect not in ("postgres", "sqlite"):
        return
    stamp: Any = dt.datetime.now(dt.UTC)
    if dialect == "sqlite":
        stamp = stamp.isoformat(sep=" ")
    await client.execute_query(POSTGRES if dialect == "postgres" else SQLITE, [EVENT, stamp])
    await client.execute_query(DELETE_PAUSES)
    await client.execute_query(DELETE_CLOCKS)


async def backward(apps: Any, editor: Any) -> None:
    """The timers stay (a later forward run keeps them); nothing to restore."""


class Migration(migrations.Migration):
    dependencies = [
        ("sales", "0005_counter_fees"),
        ("schedule", "0001_initial"),
        ("sla", "0001_initial"),
    ]

    operations = [ops.RunPython(forward, backward)]
