"""An invoice's lines found by their invoice (a page of invoices reads them so)."""

from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('sales', '0008_document_organisations')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='InvoiceLine',
            index=Index(fields=['invoice_id', 'position']),
        ),
    ]
