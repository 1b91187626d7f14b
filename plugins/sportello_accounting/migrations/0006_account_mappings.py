"""Account mappings: where other offices' postings go, per key, edited through the API."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('accounting', '0005_bank_statements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AccountMapping',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=80)),
                ('account', fields.ForeignKeyField('accounting.Account', source_field='account_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('tax_rate', fields.DecimalField(null=True, max_digits=6, decimal_places=2)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'accounting_account_mapping', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'Where postings from the other offices go, by key.'},
            bases=['Model'],
        ),
    ]
