"""An index on the business day of folio lines: the night audit report of a day reads only
that day's lines, however long the hotel has been running."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('lodging', '0013_reservation_groups')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='FolioLine',
            index=Index(fields=['business_day']),
        ),
    ]
