"""Bank statements (CAMT.053, CSV) and their lines, reconciled with documents."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('accounting', '0004_period_balances'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BankStatement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('accounting.Account', source_field='account_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('reference', fields.CharField(description="the statement's own id (CAMT.053 Stmt/Id) or a digest of the CSV file", max_length=80)),
                ('format', fields.CharField(max_length=10)),
                ('imported_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'accounting_bank_statement', 'app': 'accounting', 'unique_together': (('account', 'reference'),), 'pk_attr': 'id', 'table_description': 'A bank statement imported for a bank or cash account (CAMT.053 or CSV).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BankLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('statement', fields.ForeignKeyField('accounting.BankStatement', source_field='statement_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.RESTRICT)),
                ('date', fields.DateField()),
                ('amount', fields.BigIntField(description='cents, positive money in, negative money out')),
                ('counterparty', fields.CharField(default='', max_length=200)),
                ('reference', fields.CharField(default='', max_length=300)),
                ('status', fields.CharField(default='open', db_index=True, max_length=12)),
                ('bill', fields.ForeignKeyField('accounting.SupplierBill', source_field='bill_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('entry', fields.ForeignKeyField('accounting.Entry', source_field='entry_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'accounting_bank_line', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'A line of a bank statement: open until the accountant reconciles it with a document.'},
            bases=['Model'],
        ),
    ]
