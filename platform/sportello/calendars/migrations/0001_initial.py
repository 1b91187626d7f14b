from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

#: One calendar per site (the organisation's default: site null). UNIQUE treats nulls as
#: distinct, hence an expression index; SQLite (3.9+) and PostgreSQL take the same statement.
SCOPE_INDEX = "calendars_calendar_scope"


class Migration(migrations.Migration):
    dependencies = [("parties", "0002_contact_points_addresses_consents")]

    initial = True

    operations = [
        ops.CreateModel(
            name="BusinessCalendar",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("name", fields.CharField(max_length=200)),
                ("site", fields.ForeignKeyField("parties.Site", source_field="site_id", null=True, db_constraint=True, to_field="id", related_name="business_calendars", on_delete=OnDelete.CASCADE)),
                ("timezone", fields.CharField(null=True, max_length=64)),
                ("country", fields.CharField(null=True, max_length=2)),
                ("subdivision", fields.CharField(null=True, max_length=16)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={"table": "calendars_calendar", "app": "calendars", "pk_attr": "id", "table_description": "When an organisation, a site or a department works: the clock SLA targets run on."},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="WorkingHours",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("calendar", fields.ForeignKeyField("calendars.BusinessCalendar", source_field="calendar_id", db_constraint=True, to_field="id", related_name="hours", on_delete=OnDelete.CASCADE)),
                ("weekday", fields.SmallIntField()),
                ("start_minute", fields.SmallIntField()),
                ("end_minute", fields.SmallIntField()),
            ],
            options={"table": "calendars_hours", "app": "calendars", "pk_attr": "id", "table_description": "One open interval of a weekday in local wall time, several per weekday make breaks."},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ClosedDay",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("calendar", fields.ForeignKeyField("calendars.BusinessCalendar", source_field="calendar_id", db_constraint=True, to_field="id", related_name="closed_days", on_delete=OnDelete.CASCADE)),
                ("day", fields.DateField()),
                ("name", fields.CharField(default="", max_length=200)),
                ("open", fields.BooleanField(default=False)),
            ],
            options={"table": "calendars_closed_day", "app": "calendars", "unique_together": (("calendar", "day"),), "pk_attr": "id", "table_description": "A local closure (a town's fair, an office move) or, with ``open``, a holiday worked."},
            bases=["Model"],
        ),
        ops.RunSQL(
            [f"CREATE UNIQUE INDEX {SCOPE_INDEX} ON calendars_calendar ((COALESCE(site_id, 0)))"],
            [f"DROP INDEX IF EXISTS {SCOPE_INDEX}"],
        ),
    ]
