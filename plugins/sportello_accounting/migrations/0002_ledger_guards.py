"""The database's own guards of the ledger.

PostgreSQL: a DEFERRABLE INITIALLY DEFERRED constraint trigger checks at commit that every
entry touched balances (sum of debits = sum of credits in cents, and the signed amounts of
each transaction currency sum to zero): a raw INSERT of an unbalanced entry is refused.
Both databases: posted lines are never updated or deleted, an entry is never deleted and
only its reversed_by_id may change (corrections are reversals). On SQLite the balance is
kept by the posting service inside the single-writer transaction.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State

POSTGRES_FORWARD = [
    """
CREATE OR REPLACE FUNCTION accounting_entry_balanced() RETURNS trigger AS $$
DECLARE
    eid integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        eid := OLD.entry_id;
    ELSE
        eid := NEW.entry_id;
    END IF;
    IF EXISTS (
        SELECT 1 FROM accounting_entry_line WHERE entry_id = eid
        HAVING COALESCE(SUM(debit), 0) <> COALESCE(SUM(credit), 0)
    ) OR EXISTS (
        SELECT 1 FROM accounting_entry_line WHERE entry_id = eid
        GROUP BY currency HAVING SUM(amount) <> 0
    ) THEN
        RAISE EXCEPTION 'accounting entry % is unbalanced', eid
            USING ERRCODE = 'check_violation', CONSTRAINT = 'accounting_entry_balanced';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE CONSTRAINT TRIGGER accounting_entry_balanced
    AFTER INSERT OR UPDATE OR DELETE ON accounting_entry_line
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION accounting_entry_balanced()
""",
    """
CREATE OR REPLACE FUNCTION accounting_line_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'posted entry lines are immutable: post a reversal'
        USING ERRCODE = 'check_violation';
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER accounting_line_immutable BEFORE UPDATE OR DELETE ON accounting_entry_line
    FOR EACH ROW EXECUTE FUNCTION accounting_line_immutable()
""",
    """
CREATE OR REPLACE FUNCTION accounting_entry_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (NEW.journal_id, NEW.fiscal_year_id, NEW.period_id, NEW.number,
            NEW.date, NEW.source_office, NEW.source_document, NEW.reversal_of_id)
            IS DISTINCT FROM (OLD.journal_id, OLD.fiscal_year_id, OLD.period_id, OLD.number,
            OLD.date, OLD.source_office, OLD.source_document, OLD.reversal_of_id) THEN
        RAISE EXCEPTION 'posted entries are immutable: post a reversal'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER accounting_entry_immutable BEFORE UPDATE OR DELETE ON accounting_entry
    FOR EACH ROW EXECUTE FUNCTION accounting_entry_immutable()
""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS accounting_entry_immutable ON accounting_entry",
    "DROP TRIGGER IF EXISTS accounting_line_immutable ON accounting_entry_line",
    "DROP TRIGGER IF EXISTS accounting_entry_balanced ON accounting_entry_line",
    "DROP FUNCTION IF EXISTS accounting_entry_immutable()",
    "DROP FUNCTION IF EXISTS accounting_line_immutable()",
    "DROP FUNCTION IF EXISTS accounting_entry_balanced()",
]

SQLITE_FORWARD = [
    """
CREATE TRIGGER IF NOT EXISTS accounting_line_no_update BEFORE UPDATE ON accounting_entry_line
BEGIN SELECT RAISE(ABORT, 'posted entry lines are immutable: post a reversal'); END
""",
    """
CREATE TRIGGER IF NOT EXISTS accounting_line_no_delete BEFORE DELETE ON accounting_entry_line
BEGIN SELECT RAISE(ABORT, 'posted entry lines are immutable: post a reversal'); END
""",
    """
CREATE TRIGGER IF NOT EXISTS accounting_entry_no_delete BEFORE DELETE ON accounting_entry
BEGIN SELECT RAISE(ABORT, 'posted entries are immutable: post a reversal'); END
""",
    """
CREATE TRIGGER IF NOT EXISTS accounting_entry_no_update BEFORE UPDATE OF journal_id,
    fiscal_year_id, period_id, number, date, source_office, source_document, reversal_of_id
    ON accounting_entry
BEGIN SELECT RAISE(ABORT, 'posted entries are immutable: post a reversal'); END
""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS accounting_line_no_update",
    "DROP TRIGGER IF EXISTS accounting_line_no_delete",
    "DROP TRIGGER IF EXISTS accounting_entry_no_delete",
    "DROP TRIGGER IF EXISTS accounting_entry_no_update",
]


def _dialect(state_editor: BaseSchemaEditor | None) -> str:
    client = getattr(state_editor, "client", None)
    return str(getattr(getattr(client, "capabilities", None), "dialect", ""))


class DialectSQL(ops.RunSQL):
    """RunSQL with one statement list per dialect (postgres, sqlite); others run nothing."""

    def __init__(self, by_dialect: dict[str, tuple[list[str], list[str]]]) -> None:
        super().__init__(POSTGRES_FORWARD, POSTGRES_BACKWARD)
        self.by_dialect = by_dialect

    async def _run(self, state_editor: BaseSchemaEditor | None, forward: bool) -> None:
        statements = self.by_dialect.get(_dialect(state_editor))
        if state_editor is None or statements is None:
            return
        # Whole statements (trigger bodies hold semicolons the schema editor would split on).
        for statement in statements[0 if forward else 1]:
            await state_editor.client.execute_script(statement)

    async def database_forward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        await self._run(state_editor, True)

    async def database_backward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        await self._run(state_editor, False)


class Migration(migrations.Migration):
    dependencies = [("accounting", "0001_initial")]

    operations = [
        DialectSQL(
            {
                "postgres": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
                "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
            }
        )
    ]
