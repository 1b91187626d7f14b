"""Payables: supplier bills and their payments."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('accounting', '0002_ledger_guards'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SupplierBill',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('supplier', fields.ForeignKeyField('parties.Party', source_field='supplier_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('number', fields.CharField(description="the supplier's own number of the invoice", max_length=60)),
                ('date', fields.DateField()),
                ('due_date', fields.DateField(db_index=True)),
                ('total', fields.BigIntField(description='gross total in cents (company currency)')),
                ('paid', fields.BigIntField(default=0, description='paid so far in cents, never above the total')),
                ('entry', fields.ForeignKeyField('accounting.Entry', source_field='entry_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'accounting_supplier_bill', 'app': 'accounting', 'unique_together': (('supplier', 'number'),), 'pk_attr': 'id', 'table_description': "A supplier's invoice: posted to the purchases journal, paid in one or more payments."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BillPayment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('bill', fields.ForeignKeyField('accounting.SupplierBill', source_field='bill_id', db_constraint=True, to_field='id', related_name='payments', on_delete=OnDelete.RESTRICT)),
                ('date', fields.DateField()),
                ('amount', fields.BigIntField(description='cents')),
                ('entry', fields.ForeignKeyField('accounting.Entry', source_field='entry_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'accounting_bill_payment', 'app': 'accounting', 'pk_attr': 'id', 'table_description': 'A payment of a supplier bill from a bank or cash account.'},
            bases=['Model'],
        ),
    ]
