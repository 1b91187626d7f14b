from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('events', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='DeliveryAttempt',
            name='retry_at',
            field=fields.DatetimeField(null=True, description='when the next attempt falls due, for a failure that will be retried (the schedule)', auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='WebhookEndpoint',
            name='permissions',
            field=fields.JSONField(null=True, description='event permissions of whoever set its events (null: all of them, a superuser)', encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='WebhookEndpoint',
            name='site_ids',
            field=fields.JSONField(null=True, description='sites whose events it receives, from whoever set its events (null: every site)', encoder=JSON_DUMPS, decoder=loads),
        ),
    ]
