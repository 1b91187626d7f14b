"""Open items and settlements: which document a receivable line opened and how much of it
each payment, credit note or void settled (aged receivables per document)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('accounting', '0008_ledger_per_organisation')]

    initial = False

    operations = [
        ops.CreateModel(
            name='OpenItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('line', fields.OneToOneField('accounting.EntryLine', source_field='line_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('source_office', fields.CharField(description='the office that issued the document (sales, lodging)', max_length=40)),
                ('document', fields.CharField(description="the document's key in that office (invoice:12, folio:7)", max_length=120)),
                ('number', fields.CharField(default='', description='the number printed on the document', max_length=60)),
                ('due_date', fields.DateField(db_index=True)),
                ('amount', fields.BigIntField(description='cents, company currency')),
                ('settled', fields.BigIntField(default=0, description='cents settled so far, never above the amount')),
            ],
            options={'table': 'accounting_open_item', 'app': 'accounting', 'unique_together': (('source_office', 'document'),), 'pk_attr': 'id', 'table_description': 'A document a receivable line opened (a sales invoice, a closed folio): what the aged'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Settlement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('line', fields.ForeignKeyField('accounting.EntryLine', source_field='line_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('item', fields.ForeignKeyField('accounting.OpenItem', source_field='item_id', db_constraint=True, to_field='id', related_name='settlements', on_delete=OnDelete.RESTRICT)),
                ('date', fields.DateField(description="the settling line's date")),
                ('amount', fields.BigIntField(description='cents, company currency')),
            ],
            options={'table': 'accounting_settlement', 'app': 'accounting', 'unique_together': (('line', 'item'),), 'indexes': [Index(fields=['item_id', 'date'])], 'pk_attr': 'id', 'table_description': 'How much of an open item a posted line settled (a payment, a credit note, a void after'},
            bases=['Model'],
        ),
    ]
