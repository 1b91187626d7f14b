"""Counter fees: a counter office's service with a fee (a catalogue product) gets a receipt
when a ticket of it is served."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('sales', '0004_payment_refunds')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CounterFee',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('service_id', fields.IntField(unique=True)),
                ('product', fields.ForeignKeyField('sales.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='counter_fees', on_delete=OnDelete.RESTRICT)),
                ('desk', fields.CharField(default='', description="The cash desk whose open session at the ticket's site takes the fee in cash at once (empty: the receipt is issued and paid with paymentRegister)", max_length=32)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'sales_counter_fee', 'app': 'sales', 'pk_attr': 'id', 'table_description': "The fee of a counter office's service (a certificate): a receipt when a ticket of it is"},
            bases=['Model'],
        ),
    ]
