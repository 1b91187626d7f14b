"""A manager's override of the roster when opening a counter holds for the clerk that day."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("counter", "0005_daily_quotas")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Counter",
            name="roster_override_user_id",
            field=fields.IntField(
                null=True,
                description=(
                    "A manager opened the counter for this clerk against the roster (hr): the "
                    "clerk serves"
                ),
            ),
        ),
        ops.AddField(
            model_name="Counter",
            name="roster_override_day",
            field=fields.DateField(null=True),
        ),
    ]
