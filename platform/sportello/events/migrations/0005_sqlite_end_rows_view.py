"""SQLite only: a view the audit entries, outbox events and SLA clocks written just before
commit go out through together, in one ``INSERT``: its ``INSTEAD OF INSERT`` trigger puts each
row into its table (PostgreSQL does the same with data-modifying ``WITH``, which SQLite lacks).

The tables' columns are frozen here as they are at this migration; ``sportello.writes`` uses the
view only for rows with exactly these columns (a later column needs a migration replacing it).
"""

from __future__ import annotations

from tortoise import migrations

from sportello.migrations import SqliteOnlySQL

VIEW = "core_end_rows"
TRIGGER = "core_end_rows_insert"
#: table -> (columns, what follows ON CONFLICT)
TABLES: dict[str, tuple[tuple[str, ...], str | None]] = {
    "identity_audit_entry": (
        (
            "at",
            "actor_user_id",
            "actor_label",
            "request_id",
            "client_request_id",
            "operation",
            "object_type",
            "object_id",
            "changes",
            "site_id",
        ),
        None,
    ),
    "events_outbox": (
        (
            "name",
            "version",
            "aggregate",
            "site_id",
            "payload",
            "occurred_at",
            "dispatched_at",
            "trace_context",
        ),
        None,
    ),
    "sla_clock": (
        (
            "office",
            "item_type",
            "item_id",
            "department_id",
            "category",
            "priority",
            "channel",
            "party_id",
            "state",
            "started_at",
            "counted_from",
            "used_business_minutes",
            "used_seconds",
            "paused_seconds",
            "response_target",
            "resolution_target",
            "resolution_meter",
            "response_warn",
            "resolution_warn",
            "due_response_at",
            "due_resolution_at",
            "warn_response_at",
            "warn_resolution_at",
            "response_warned_at",
            "resolution_warned_at",
            "response_breached_at",
            "resolution_breached_at",
            "breached_at",
            "warned_at",
            "next_check_at",
            "responded_at",
            "resolved_at",
            "stopped_at",
            "response_minutes",
            "resolution_minutes",
            "version",
            "created_at",
            "policy_id",
            "site_id",
        ),
        '("office","item_type","item_id") DO NOTHING',
    ),
}


def _view() -> str:
    columns = ['NULL AS "kind"'] + [
        f'NULL AS "{table}__{column}"' for table, (cols, _) in TABLES.items() for column in cols
    ]
    return f'CREATE VIEW IF NOT EXISTS "{VIEW}" AS SELECT {", ".join(columns)} WHERE 0'


def _trigger() -> str:
    inserts = []
    for table, (cols, conflict) in TABLES.items():
        names = ", ".join(f'"{c}"' for c in cols)
        values = ", ".join(f'NEW."{table}__{c}"' for c in cols)
        tail = f" ON CONFLICT {conflict}" if conflict else ""
        inserts.append(
            f'INSERT INTO "{table}" ({names}) SELECT {values} WHERE NEW."kind" = \'{table}\'{tail};'
        )
    body = "\n    ".join(inserts)
    return (
        f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER}" INSTEAD OF INSERT ON "{VIEW}"\n'
        f"BEGIN\n    {body}\nEND"
    )


FORWARD = [_view(), _trigger()]
BACKWARD = [f'DROP TRIGGER IF EXISTS "{TRIGGER}"', f'DROP VIEW IF EXISTS "{VIEW}"']


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_outbox_trace_context"),
        ("identity", "0003_audit_client_request_id"),
        ("sla", "0001_initial"),
    ]

    initial = False

    operations = [SqliteOnlySQL(FORWARD, BACKWARD)]
