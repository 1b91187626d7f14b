"""PostgreSQL: an exclusion constraint so that two pending or approved leave requests of one
employee never hold the same half day (their half-day slots [start_slot, end_slot)).

SQLite has no exclusion constraints; there the single connection lock serialises the
check-then-insert the leave service does under the employee's row lock.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State

CONSTRAINT = "hr_leave_request_no_overlap"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE hr_leave_request ADD CONSTRAINT {CONSTRAINT} "
    "EXCLUDE USING gist (employee_id WITH =, int4range(start_slot, end_slot, '[)') WITH &&) "
    "WHERE (status IN ('pending', 'approved'))",
]
BACKWARD = [f"ALTER TABLE hr_leave_request DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


class PostgresOnlySQL(ops.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op on every other database."""

    @staticmethod
    def _is_postgres(state_editor: BaseSchemaEditor) -> bool:
        client = getattr(state_editor, "client", None)
        dialect = getattr(getattr(client, "capabilities", None), "dialect", "")
        return dialect == "postgres"

    async def database_forward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        if state_editor is not None and self._is_postgres(state_editor):
            await super().database_forward(app_label, old_state, new_state, state_editor)

    async def database_backward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        if state_editor is not None and self._is_postgres(state_editor):
            await super().database_backward(app_label, old_state, new_state, state_editor)


class Migration(migrations.Migration):
    dependencies = [("hr", "0001_initial")]

    operations = [PostgresOnlySQL(FORWARD, BACKWARD)]
