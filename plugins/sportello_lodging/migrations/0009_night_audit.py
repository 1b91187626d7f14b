"""The night audit: a business day row per site and day (closed by the audit) and the business
day each folio line was posted on (a new nullable column: SQLite adds it without a rebuild)."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("lodging", "0008_rate_plans"), ("parties", "0001_initial")]

    initial = False

    operations = [
        ops.CreateModel(
            name="BusinessDay",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("site", fields.ForeignKeyField("parties.Site", source_field="site_id", db_constraint=True, to_field="id", related_name="lodging_business_days", on_delete=OnDelete.RESTRICT)),
                ("day", fields.DateField()),
                ("closed_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("closed_by_id", fields.IntField(null=True, description="The user who ran the audit (null: the scheduled run)")),
                ("nights_posted", fields.IntField(default=0, description="What the run did: room nights posted, no-shows marked")),
                ("no_shows", fields.IntField(default=0)),
            ],
            options={"table": "lodging_business_day", "app": "lodging", "unique_together": (("site", "day"),), "pk_attr": "id", "table_description": "A site's business day as the night audit sees it: open until the audit closes it (one"},
            bases=["Model"],
        ),
        # SQLite rebuilds the folio line table to drop the column when migrating back, without
        # the folio-order index of 0006: dropped before the column and made again after it.
        ops.RemoveIndex(model_name="FolioLine", fields=["reservation_id", "id"]),
        ops.AddField(
            model_name="FolioLine",
            name="business_day",
            field=fields.DateField(null=True, description="The site's business day the line was posted on: never a day the night audit closed"),
        ),
        ops.AddIndex(model_name="FolioLine", index=Index(fields=["reservation_id", "id"])),
    ]
