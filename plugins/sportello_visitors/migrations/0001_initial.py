from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Visit',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='visitor_visits', on_delete=OnDelete.RESTRICT)),
                ('host', fields.ForeignKeyField('parties.Party', source_field='host_id', db_constraint=True, to_field='id', related_name='hosted_visits', on_delete=OnDelete.RESTRICT)),
                ('visitor', fields.ForeignKeyField('parties.Party', source_field='visitor_id', null=True, db_constraint=True, to_field='id', related_name='visits', on_delete=OnDelete.SET_NULL)),
                ('visitor_name', fields.CharField(max_length=200)),
                ('company', fields.CharField(default='', max_length=200)),
                ('purpose', fields.CharField(default='', max_length=300)),
                ('expected_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('status', fields.CharField(default='planned', db_index=True, max_length=16)),
                ('badge_number', fields.CharField(null=True, max_length=32)),
                ('checked_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('checked_out_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'visitors_visit', 'app': 'visitors', 'pk_attr': 'id', 'table_description': 'A visitor expected by a host employee: the visitor log row kept for the retention period.'},
            bases=['Model'],
        ),
    ]
