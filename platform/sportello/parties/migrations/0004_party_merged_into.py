"""A merged party stays as a tombstone: ``merged_into`` points to the survivor."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("parties", "0003_party_sites")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Party",
            name="merged_into",
            field=fields.ForeignKeyField(
                "parties.Party",
                source_field="merged_into_id",
                null=True,
                description="The party this one was merged into (null: not merged)",
                db_constraint=True,
                to_field="id",
                related_name=False,
                on_delete=OnDelete.RESTRICT,
            ),
        ),
        ops.AddField(
            model_name="Party",
            name="merged_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
