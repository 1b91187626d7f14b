from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("events", "0002_attempt_retry_webhook_grants")]

    initial = False

    operations = [
        ops.AddField(
            model_name="WebhookEndpoint",
            name="owner_id",
            field=fields.IntField(
                null=True,
                description=(
                    "the user who last set its URL, events or sites "
                    "(it delivers only what they may still read)"
                ),
            ),
        ),
    ]
