"""PostgreSQL: an exclusion constraint so that two shifts of one employee never overlap.

SQLite has no exclusion constraints; there the single connection lock serialises the
check-then-insert the shift service does under the employee's row lock.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State

CONSTRAINT = "hr_shift_no_overlap"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"ALTER TABLE hr_shift ADD CONSTRAINT {CONSTRAINT} "
    "EXCLUDE USING gist (employee_id WITH =, tstzrange(start, \"end\", '[)') WITH &&)",
]
BACKWARD = [f"ALTER TABLE hr_shift DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]


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
    dependencies = [("hr", "0003_shifts")]

    operations = [PostgresOnlySQL(FORWARD, BACKWARD)]
