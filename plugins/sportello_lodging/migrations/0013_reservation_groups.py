"""Group bookings: a group (its holder, name, billing mode) and its reservations, in tables of
their own (the reservation table is left alone)."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('lodging', '0012_folio_billing'), ('parties', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ReservationGroup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='lodging_reservation_groups', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('holder', fields.ForeignKeyField('parties.Party', source_field='holder_id', db_constraint=True, to_field='id', related_name='lodging_reservation_groups', on_delete=OnDelete.RESTRICT)),
                ('booking_reference', fields.CharField(null=True, max_length=64, description="The holder's own reference for the booking (a tour operator's voucher), if any")),
                ('billing', fields.CharField(default='master', max_length=16, description='master, individual or rooms_to_master')),
                ('notes', fields.TextField(default='')),
                ('cancelled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False, description='When the whole group was cancelled')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lodging_reservation_group', 'app': 'lodging', 'indexes': [Index(fields=['site_id', 'id'])], 'pk_attr': 'id', 'table_description': "A party's rooms booked together, with how they are billed."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReservationGroupRoom',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('lodging.ReservationGroup', source_field='group_id', db_constraint=True, to_field='id', related_name='rooms', on_delete=OnDelete.CASCADE)),
                ('reservation', fields.OneToOneField('lodging.Reservation', source_field='reservation_id', db_constraint=True, to_field='id', related_name='group_link', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'lodging_reservation_group_room', 'app': 'lodging', 'indexes': [Index(fields=['group_id', 'id'])], 'pk_attr': 'id', 'table_description': 'A reservation of a group (a reservation belongs to one group at most).'},
            bases=['Model'],
        ),
    ]
