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
            name='Delivery',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(db_index=True, max_length=120)),
                ('channel', fields.CharField(description='email, sms or in_app', max_length=8)),
                ('user_id', fields.IntField(null=True, db_index=True)),
                ('party_id', fields.IntField(null=True, db_index=True, description="the recipient's party (a user's own party for staff)")),
                ('site_id', fields.IntField(null=True, db_index=True)),
                ('address', fields.CharField(null=True, description='the email address or phone number it goes to (null when there is none)', max_length=254)),
                ('language', fields.CharField(default='en', max_length=8)),
                ('subject', fields.CharField(default='', max_length=300)),
                ('body', fields.TextField(default='', unique=False)),
                ('key', fields.CharField(null=True, db_index=True, description="the caller's key, for ``notify_cancel`` (reminders)", max_length=200)),
                ('status', fields.CharField(default='queued', db_index=True, description='queued, sent, failed, skipped (no consent, no address), cancelled', max_length=16)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, db_index=True, description="when the next attempt falls due (queued), or a claimed delivery's lease", auto_now=False, auto_now_add=False)),
                ('error_class', fields.CharField(null=True, description="why the last attempt failed or the delivery was skipped: a class, never a server's text", max_length=40)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'notify_delivery', 'app': 'notify', 'pk_attr': 'id', 'table_description': 'One notification to one recipient on one channel, and its fate.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DeliveryAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('delivery', fields.ForeignKeyField('notify.Delivery', source_field='delivery_id', db_constraint=True, to_field='id', related_name='attempt_log', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ok', fields.BooleanField()),
                ('error_class', fields.CharField(null=True, max_length=40)),
                ('latency_ms', fields.IntField(default=0)),
            ],
            options={'table': 'notify_attempt', 'app': 'notify', 'pk_attr': 'id', 'table_description': 'The log of every attempt to send a delivery.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='KindSetting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=120)),
                ('scope', fields.CharField(default='', description='"" for the whole organisation, else the site id as text (unique with the kind)', max_length=20)),
                ('site_id', fields.IntField(null=True)),
                ('enabled', fields.BooleanField()),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'notify_kind_setting', 'app': 'notify', 'unique_together': (('kind', 'scope'),), 'pk_attr': 'id', 'table_description': 'A kind switched on or off organisation-wide (``scope`` "") or at one site (its id).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user_id', fields.IntField(db_index=True)),
                ('kind', fields.CharField(max_length=120)),
                ('title', fields.CharField(max_length=300)),
                ('body', fields.TextField(default='', unique=False)),
                ('params', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notify_notification', 'app': 'notify', 'pk_attr': 'id', 'table_description': "A notification in a user's in-app inbox."},
            bases=['Model'],
        ),
    ]
