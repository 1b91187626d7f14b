"""Pending settlements: a payment or credit note posted before the invoice it names (their
events are handled independently) waits here until the invoice is opened."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('accounting', '0009_open_items')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PendingSettlement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('line', fields.ForeignKeyField('accounting.EntryLine', source_field='line_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('source_office', fields.CharField(description='the office that issues the document (sales, lodging)', max_length=40)),
                ('document', fields.CharField(description="the document's key in that office (invoice:12, folio:7)", max_length=120)),
                ('amount', fields.BigIntField(description='cents the line would settle, company currency')),
            ],
            options={'table': 'accounting_pending_settlement', 'app': 'accounting', 'unique_together': (('line', 'source_office', 'document'),), 'indexes': [Index(fields=['source_office', 'document'])], 'pk_attr': 'id', 'table_description': 'A receivable line that named a document not opened yet (its posting came before the'},
            bases=['Model'],
        ),
    ]
