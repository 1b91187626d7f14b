from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('inbound', '0001_initial')]

    operations = [
        ops.CreateModel(
            name='PollLease',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, description='the mailbox polled (``user@host/mailbox``)', max_length=300)),
                ('holder', fields.CharField(max_length=64)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'inbound_poll_lease', 'app': 'inbound', 'pk_attr': 'id', 'table_description': 'Who polls a mailbox now: one poller at a time across processes, until ``expires_at``'},
            bases=['Model'],
        ),
    ]
