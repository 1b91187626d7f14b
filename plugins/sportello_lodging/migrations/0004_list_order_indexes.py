"""Indexes in the lists' order: a day's arrivals and the rooms of a site page without a sort."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('lodging', '0003_room_stays'), ('parties', '0002_contact_points_addresses_consents')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Reservation',
            index=Index(fields=['arrival', 'id']),
        ),
        ops.AddIndex(
            model_name='Room',
            index=Index(fields=['site_id', 'floor', 'number', 'id']),
        ),
    ]
