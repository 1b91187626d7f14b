from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("events", "0003_webhook_owner")]

    initial = False

    operations = [
        ops.AddField(
            model_name="OutboxEvent",
            name="trace_context",
            field=fields.CharField(
                max_length=128,
                null=True,
                description=(
                    "W3C traceparent of the request that published it, when tracing is on "
                    "(sportello.telemetry)"
                ),
            ),
        ),
    ]
