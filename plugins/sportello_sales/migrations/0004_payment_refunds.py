"""Refunds of payments: a payment keeps what was given back of it, each refund is a row
(UNIQUE source key: a redelivered event refunds nothing twice)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial'), ('sales', '0003_reminders')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Payment',
            name='refunded_total',
            field=fields.DecimalField(default=0, description='What was given back of it (refunds), never more than its amount', max_digits=16, decimal_places=4),
        ),
        ops.CreateModel(
            name='Refund',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('payment', fields.ForeignKeyField('sales.Payment', source_field='payment_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.RESTRICT)),
                ('invoice', fields.ForeignKeyField('sales.Invoice', source_field='invoice_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.RESTRICT)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_constraint=True, to_field='id', related_name='sales_refunds', on_delete=OnDelete.RESTRICT)),
                ('amount', fields.DecimalField(max_digits=16, decimal_places=4)),
                ('currency', fields.CharField(max_length=3)),
                ('method', fields.CharField(description='How the money goes back: a payment method code', max_length=32)),
                ('refunded_on', fields.DateField()),
                ('reason', fields.CharField(max_length=500)),
                ('source_key', fields.CharField(null=True, unique=True, description='What another office\'s event refunded, e.g. lodging.folio.refund:42 (one refund per source)', max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sales_refund', 'app': 'sales', 'pk_attr': 'id', 'table_description': "Money given back on a payment: the invoice's paid total goes down by it."},
            bases=['Model'],
        ),
    ]
