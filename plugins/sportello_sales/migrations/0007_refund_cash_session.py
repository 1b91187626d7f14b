"""Refunds: the open cash session a cash refund was paid out of (its expected cash less it)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('sales', '0006_reminder_timers')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='CashSession',
            name='expected_cash',
            field=fields.DecimalField(null=True, description='Float plus cash taken less cash refunded out of it, computed at close', max_digits=16, decimal_places=4),
        ),
        ops.AddField(
            model_name='Refund',
            name='cash_session',
            field=fields.ForeignKeyField('sales.CashSession', source_field='cash_session_id', null=True, description="The open cash session a cash refund was paid out of (its drawer's expected cash less it)", db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.RESTRICT),
        ),
    ]
