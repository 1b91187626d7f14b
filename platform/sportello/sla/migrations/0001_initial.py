from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents')]

    initial = True

    operations = [
        ops.CreateModel(
            name='SlaPolicy',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=200)),
                ('active', fields.BooleanField(default=True)),
                ('position', fields.IntField(default=100, description='Lower goes first when several policies match')),
                ('office', fields.CharField(null=True, max_length=64)),
                ('category', fields.CharField(null=True, max_length=100)),
                ('priority', fields.CharField(null=True, max_length=32)),
                ('channel', fields.CharField(null=True, max_length=32)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='sla_policies', on_delete=OnDelete.RESTRICT)),
                ('department_id', fields.IntField(null=True)),
                ('first_response_minutes', fields.IntField(null=True)),
                ('resolution_minutes', fields.IntField(null=True)),
                ('deadline_days', fields.IntField(null=True)),
                ('deadline_kind', fields.CharField(null=True, description='calendar or business (with deadline_days)', max_length=16)),
                ('warn_before_percent', fields.IntField(null=True)),
                ('warn_before_minutes', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'sla_policy', 'app': 'sla', 'pk_attr': 'id', 'table_description': 'Targets and the rules choosing them: the first active matching policy by position wins.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SlaClock',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('office', fields.CharField(max_length=64)),
                ('item_type', fields.CharField(max_length=64)),
                ('item_id', fields.BigIntField()),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', null=True, db_constraint=True, to_field='id', related_name='sla_clocks', on_delete=OnDelete.RESTRICT)),
                ('department_id', fields.IntField(null=True)),
                ('policy', fields.ForeignKeyField('sla.SlaPolicy', source_field='policy_id', null=True, db_constraint=True, to_field='id', related_name='clocks', on_delete=OnDelete.RESTRICT)),
                ('category', fields.CharField(null=True, max_length=100)),
                ('priority', fields.CharField(null=True, max_length=32)),
                ('channel', fields.CharField(null=True, max_length=32)),
                ('party_id', fields.IntField(null=True)),
                ('state', fields.CharField(default='running', max_length=16)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('counted_from', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('used_business_minutes', fields.IntField(default=0)),
                ('used_seconds', fields.BigIntField(default=0)),
                ('paused_seconds', fields.BigIntField(default=0)),
                ('response_target', fields.IntField(null=True)),
                ('resolution_target', fields.IntField(null=True)),
                ('resolution_meter', fields.CharField(default='business', max_length=16)),
                ('response_warn', fields.IntField(null=True)),
                ('resolution_warn', fields.IntField(null=True)),
                ('due_response_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('due_resolution_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('warn_response_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('warn_resolution_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('response_warned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolution_warned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('response_breached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolution_breached_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('breached_at', fields.DatetimeField(null=True, description='The first breach of either target', auto_now=False, auto_now_add=False)),
                ('warned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('next_check_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('responded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('stopped_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('response_minutes', fields.IntField(null=True, description='Business minutes counted when the item was answered / resolved')),
                ('resolution_minutes', fields.IntField(null=True)),
                ('version', fields.IntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sla_clock', 'app': 'sla', 'unique_together': (('office', 'item_type', 'item_id'),), 'indexes': [Index(fields=['next_check_at']), Index(fields=['started_at', 'policy_id']), Index(fields=['department_id', 'started_at'])], 'pk_attr': 'id', 'table_description': "The time an office's item has taken against its targets."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SlaClockPause',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('clock', fields.ForeignKeyField('sla.SlaClock', source_field='clock_id', db_index=True, db_constraint=True, to_field='id', related_name='pauses', on_delete=OnDelete.CASCADE)),
                ('reason', fields.CharField(max_length=32)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'sla_clock_pause', 'app': 'sla', 'pk_attr': 'id', 'table_description': 'One pause of a clock (waiting on the customer or a third party): it does not count.'},
            bases=['Model'],
        ),
    ]
