from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='JobRun',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('job', fields.CharField(max_length=128)),
                ('scope', fields.CharField(description='``*`` for a job of the installation, ``site:<id>`` for a job per site', max_length=32)),
                ('period', fields.CharField(description="The period in the job's local time: ``2026-12-04`` (daily) or ``2026-12-04T07`` (hourly)", max_length=32)),
                ('site_id', fields.IntField(null=True)),
                ('ran_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'schedule_job_run', 'app': 'schedule', 'unique_together': (('job', 'scope', 'period'),), 'pk_attr': 'id', 'table_description': 'The run of a periodic job for one period and scope: once each.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Timer',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, description="The caller's name for it (``sales.reminder:42:1``): one timer per key, ever", max_length=200)),
                ('event', fields.CharField(description='The event published when it fires, with ``payload``', max_length=128)),
                ('payload', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('site_id', fields.IntField(null=True)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('fired_at', fields.DatetimeField(null=True, description='Set once, by the sweeper that fired it (in the transaction that published the event)', auto_now=False, auto_now_add=False)),
                ('version', fields.IntField(default=1, description='Changes with every rescheduling: the sweeper fires the row it read, not a moved one')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'schedule_timer', 'app': 'schedule', 'indexes': [Index(fields=['fired_at', 'due_at'], name='schedule_timer_due')], 'pk_attr': 'id', 'table_description': 'An event to publish once at a given time (api.schedule_at).'},
            bases=['Model'],
        ),
    ]
