"""Posted lines stay immutable except for the party they name: a party merge (``partyMerge``,
audited) moves a duplicate's receivable and payable lines to the surviving party, as ERPs'
partner merges do. Amounts, accounts, dates and labels still never change (reversals do that).

PostgreSQL: the line trigger lets an UPDATE through when the row, its party aside, is unchanged.
SQLite: the update trigger fires on every column but ``party_id`` (a column added to the lines
later joins that list in its own migration).
"""

from typing import Any

from tortoise.migrations import operations as ops
from tortoise import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION accounting_line_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'party_id') = (to_jsonb(OLD) - 'party_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'posted entry lines are immutable: post a reversal'
        USING ERRCODE = 'check_violation';
END
$$ LANGUAGE plpgsql
"""
POSTGRES_BACKWARD = """
CREATE OR REPLACE FUNCTION accounting_line_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'posted entry lines are immutable: post a reversal'
        USING ERRCODE = 'check_violation';
END
$$ LANGUAGE plpgsql
"""
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS accounting_line_no_update",
    """
CREATE TRIGGER accounting_line_no_update BEFORE UPDATE OF id, entry_id, account_id, date,
    debit, credit, currency, amount, rate, label, tax_rate, tax_kind ON accounting_entry_line
BEGIN SELECT RAISE(ABORT, 'posted entry lines are immutable: post a reversal'); END
""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS accounting_line_no_update",
    """
CREATE TRIGGER accounting_line_no_update BEFORE UPDATE ON accounting_entry_line
BEGIN SELECT RAISE(ABORT, 'posted entry lines are immutable: post a reversal'); END
""",
]


async def _run(editor: Any, forward: bool) -> None:
    dialect = editor.client.capabilities.dialect
    if dialect == "postgres":
        statements = [POSTGRES_FORWARD if forward else POSTGRES_BACKWARD]
    elif dialect == "sqlite":
        statements = SQLITE_FORWARD if forward else SQLITE_BACKWARD
    else:
        return
    for statement in statements:  # whole statements: trigger bodies hold semicolons
        await editor.client.execute_script(statement)


async def forward(apps: Any, editor: Any) -> None:
    await _run(editor, True)


async def backward(apps: Any, editor: Any) -> None:
    await _run(editor, False)


class Migration(migrations.Migration):
    dependencies = [("accounting", "0006_account_mappings")]

    operations = [ops.RunPython(forward, backward)]
