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
            name='Party',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(default='person', max_length=16)),
                ('display_name', fields.CharField(db_index=True, max_length=200)),
                ('given_name', fields.CharField(default='', max_length=100)),
                ('family_name', fields.CharField(default='', max_length=100)),
                ('email', fields.CharField(null=True, db_index=True, max_length=254)),
                ('phone', fields.CharField(null=True, max_length=40)),
                ('addresses', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('tax_code', fields.CharField(null=True, max_length=40)),
                ('preferred_language', fields.CharField(default='en', max_length=8)),
                ('consents', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('anonymised_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'parties_party', 'app': 'parties', 'pk_attr': 'id', 'table_description': 'A person or an organisation: every office sees parties in its own way.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Site',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('kind', fields.CharField(default='office', max_length=32)),
                ('organisation', fields.ForeignKeyField('parties.Party', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='sites', on_delete=OnDelete.RESTRICT)),
                ('address', fields.CharField(default='', max_length=300)),
                ('timezone', fields.CharField(default='Europe/Rome', max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'parties_site', 'app': 'parties', 'pk_attr': 'id', 'table_description': 'A place where the organisation meets people: a hotel, a branch, a municipal office.'},
            bases=['Model'],
        ),
    ]
