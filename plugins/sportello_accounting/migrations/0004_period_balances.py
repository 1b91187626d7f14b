"""Period balances (debits and credits per account and period, kept by the posting
transaction) filled from the lines already posted, and the ledger index extended to the
general ledger's order (account, date, entry, line)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('accounting', '0003_supplier_bills'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PeriodBalance',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('period', fields.ForeignKeyField('accounting.Period', source_field='period_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('account', fields.ForeignKeyField('accounting.Account', source_field='account_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('debit', fields.BigIntField(default=0, description='cents')),
                ('credit', fields.BigIntField(default=0, description='cents')),
            ],
            options={'table': 'accounting_period_balance', 'app': 'accounting', 'unique_together': (('period', 'account'),), 'pk_attr': 'id', 'table_description': 'Debits and credits of an account in a period, kept by the posting transaction: the'},
            bases=['Model'],
        ),
        ops.RemoveIndex(
            model_name='EntryLine',
            name=None,
            fields=['account_id', 'date'],
        ),
        ops.AddIndex(
            model_name='EntryLine',
            index=Index(fields=['account_id', 'date', 'entry_id', 'id']),
        ),
        ops.RunSQL(
            [
                "INSERT INTO accounting_period_balance (period_id, account_id, debit, credit)"
                " SELECT e.period_id, l.account_id, SUM(l.debit), SUM(l.credit)"
                " FROM accounting_entry_line l JOIN accounting_entry e ON e.id = l.entry_id"
                " GROUP BY e.period_id, l.account_id"
            ],
            ["DELETE FROM accounting_period_balance"],
        ),
    ]
