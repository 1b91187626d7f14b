"""The hall display's order (the tickets of the day by issue time) as an index."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('counter', '0001_initial'), ('parties', '0002_contact_points_addresses_consents')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Ticket',
            index=Index(fields=['day', 'issued_at', 'id']),
        ),
    ]
