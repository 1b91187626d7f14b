"""Invoices get the key of what another office's event billed (a closed hotel folio): UNIQUE,
so a redelivered event issues nothing twice."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('sales', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Invoice',
            name='source_key',
            field=fields.CharField(null=True, unique=True, description="What another office's event billed, e.g. lodging.folio:42 (one document per source)", max_length=64),
        ),
    ]
