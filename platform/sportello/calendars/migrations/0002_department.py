"""Department calendars: a nullable department beside the site, one calendar per (site,
department); the scope index is rebuilt on both columns (nulls as 0: the organisation's default
and the site's own calendar are the rows with no department)."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

SCOPE_INDEX = "calendars_calendar_scope"


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial"), ("org", "0001_initial")]

    operations = [
        ops.AddField(
            model_name="BusinessCalendar",
            name="department",
            field=fields.ForeignKeyField(
                "org.Department",
                source_field="department_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name="business_calendars",
                on_delete=OnDelete.CASCADE,
            ),
        ),
        ops.RunSQL(
            [
                f"DROP INDEX IF EXISTS {SCOPE_INDEX}",
                f"CREATE UNIQUE INDEX {SCOPE_INDEX} ON calendars_calendar "
                "((COALESCE(site_id, 0)), (COALESCE(department_id, 0)))",
            ],
            [
                f"DROP INDEX IF EXISTS {SCOPE_INDEX}",
                f"CREATE UNIQUE INDEX {SCOPE_INDEX} ON calendars_calendar ((COALESCE(site_id, 0)))",
            ],
        ),
    ]
