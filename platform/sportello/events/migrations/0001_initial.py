from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='OutboxEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(db_index=True, max_length=120)),
                ('version', fields.IntField(default=1)),
                ('aggregate', fields.CharField(db_index=True, max_length=120)),
                ('site_id', fields.IntField(null=True)),
                ('payload', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('dispatched_at', fields.DatetimeField(null=True, db_index=True, description='set once the dispatcher has created the delivery rows of this event', auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'events_outbox', 'app': 'events', 'pk_attr': 'id', 'table_description': 'Events written in the same transaction as the change that caused them.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EventDelivery',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('event', fields.ForeignKeyField('events.OutboxEvent', source_field='event_id', db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('handler', fields.CharField(description='plugin handler name, or webhook:ID for a webhook endpoint', max_length=160)),
                ('aggregate', fields.CharField(description='copied from the event so per-aggregate ordering needs no join', max_length=120)),
                ('status', fields.CharField(default='pending', db_index=True, description='pending, delivered, parked', max_length=16)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.TextField(null=True, unique=False)),
                ('last_status_code', fields.IntField(null=True)),
                ('last_latency_ms', fields.IntField(null=True)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('parked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'events_delivery', 'app': 'events', 'unique_together': (('handler', 'event'),), 'pk_attr': 'id', 'table_description': 'One event for one handler (a plugin handler or a webhook endpoint), at least once.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DeliveryAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('delivery', fields.ForeignKeyField('events.EventDelivery', source_field='delivery_id', db_constraint=True, to_field='id', related_name='attempt_log', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('latency_ms', fields.IntField()),
                ('ok', fields.BooleanField()),
                ('status_code', fields.IntField(null=True)),
                ('error', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'events_attempt', 'app': 'events', 'pk_attr': 'id', 'table_description': 'The log of every attempt: when, how long, with which outcome.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WebhookEndpoint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('url', fields.CharField(max_length=500)),
                ('events', fields.JSONField(default=list, description='event names, or * for every event', encoder=JSON_DUMPS, decoder=loads)),
                ('description', fields.CharField(default='', max_length=300)),
                ('secret', fields.CharField(max_length=128)),
                ('enabled', fields.BooleanField(default=True)),
                ('failing', fields.BooleanField(default=False, description='set when the endpoint kept failing and was disabled automatically')),
                ('disabled_reason', fields.CharField(null=True, max_length=300)),
                ('consecutive_failures', fields.IntField(default=0)),
                ('created_by', fields.CharField(null=True, max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'events_webhook', 'app': 'events', 'pk_attr': 'id', 'table_description': 'An HTTPS endpoint receiving signed deliveries of some event types.'},
            bases=['Model'],
        ),
    ]
