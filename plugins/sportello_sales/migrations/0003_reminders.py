from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites'), ('sales', '0002_invoice_source_key')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Reminder',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('invoice', fields.ForeignKeyField('sales.Invoice', source_field='invoice_id', db_constraint=True, to_field='id', related_name='reminders', on_delete=OnDelete.RESTRICT)),
                ('level', fields.IntField(description='1 for the first reminder, 2 for the second (the thresholds of reminder_days)')),
                ('days_overdue', fields.IntField()),
                ('balance', fields.DecimalField(description="What was still due when it was sent, in the invoice's currency", max_digits=16, decimal_places=4)),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'sales_reminder', 'app': 'sales', 'unique_together': (('invoice', 'level'),), 'pk_attr': 'id', 'table_description': 'A payment reminder sent for an overdue invoice: one row per invoice and level, so a'},
            bases=['Model'],
        ),
    ]
