from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('crm', '0001_initial'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='LostReason',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'crm_lost_reason', 'app': 'crm', 'pk_attr': 'id', 'table_description': "Why an opportunity was lost (price, a competitor), for the pipeline's statistics."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Stage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('position', fields.IntField(default=100)),
                ('outcome', fields.CharField(default='open', description='open, won or lost: where an opportunity in this stage stands', max_length=8)),
                ('probability', fields.IntField(default=10, description='The chance of winning an opportunity in this stage, in percent')),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'crm_stage', 'app': 'crm', 'pk_attr': 'id', 'table_description': 'A step of the sales pipeline: open steps in order, then a won and a lost one.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Opportunity',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='crm_opportunities', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=200)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='crm_opportunities', on_delete=OnDelete.RESTRICT)),
                ('contact_name', fields.CharField(default='', description="A lead's contact before it is a party (from a web form, a fair)", max_length=200)),
                ('contact_email', fields.CharField(default='', max_length=254)),
                ('stage', fields.ForeignKeyField('crm.Stage', source_field='stage_id', db_constraint=True, to_field='id', related_name='opportunities', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharField(default='open', db_index=True, description='open, won or lost', max_length=8)),
                ('expected_value', fields.DecimalField(null=True, max_digits=14, decimal_places=2)),
                ('currency', fields.CharField(default='EUR', description='ISO 4217 code', max_length=3)),
                ('expected_close', fields.DateField(null=True)),
                ('owner_id', fields.IntField(null=True, db_index=True, description='The user who owns it (null: nobody yet)')),
                ('source', fields.CharField(default='', description='Where it came from: a channel (phone, web, email...) or an event', max_length=64)),
                ('lost_reason', fields.ForeignKeyField('crm.LostReason', source_field='lost_reason_id', null=True, db_constraint=True, to_field='id', related_name='opportunities', on_delete=OnDelete.RESTRICT)),
                ('lost_note', fields.TextField(default='', unique=False)),
                ('version', fields.IntField(default=1)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'crm_opportunity', 'app': 'crm', 'pk_attr': 'id', 'table_description': 'A lead or an opportunity in the sales pipeline: who, what it is worth, where it stands.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Activity',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='crm_activities', on_delete=OnDelete.RESTRICT)),
                ('opportunity', fields.ForeignKeyField('crm.Opportunity', source_field='opportunity_id', null=True, db_constraint=True, to_field='id', related_name='activities', on_delete=OnDelete.CASCADE)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='crm_activities', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(default='follow_up', description='call, meeting, email, task or follow_up', max_length=16)),
                ('title', fields.CharField(max_length=200)),
                ('note', fields.TextField(default='', unique=False)),
                ('due_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('remind_minutes', fields.IntField(null=True, description='Minutes before the due time the owner is reminded (null: no reminder)')),
                ('done_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('owner_id', fields.IntField(null=True, db_index=True)),
                ('source_event', fields.CharField(null=True, unique=True, description='The event that created it (event name and id): one follow-up per event', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'crm_activity', 'app': 'crm', 'pk_attr': 'id', 'table_description': 'A call, meeting, task or follow-up about an opportunity or a party, with its due date.'},
            bases=['Model'],
        ),
    ]
