"""An index in the folio's order: a page of a folio's lines and its totals read only its rows."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('lodging', '0005_guests_known_at_hotels')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='FolioLine',
            index=Index(fields=['reservation_id', 'id']),
        ),
    ]
