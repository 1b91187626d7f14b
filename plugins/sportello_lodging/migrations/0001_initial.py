from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='RoomType',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='lodging_room_types', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('capacity', fields.IntField(default=2, description='Most guests (adults plus children) the room sleeps')),
                ('amenities', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('base_rate', fields.DecimalField(default=0, max_digits=10, decimal_places=2)),
            ],
            options={'table': 'lodging_room_type', 'app': 'lodging', 'unique_together': (('site', 'code'),), 'pk_attr': 'id', 'table_description': 'A kind of room at a site: capacity, amenities and base nightly rate.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Room',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='lodging_rooms', on_delete=OnDelete.RESTRICT)),
                ('room_type', fields.ForeignKeyField('lodging.RoomType', source_field='room_type_id', db_constraint=True, to_field='id', related_name='rooms', on_delete=OnDelete.RESTRICT)),
                ('number', fields.CharField(max_length=16)),
                ('floor', fields.IntField(default=0)),
                ('occupancy', fields.CharField(default='vacant', description='vacant or occupied', max_length=16)),
                ('cleanliness', fields.CharField(default='clean', description='dirty, clean or inspected', max_length=16)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'lodging_room', 'app': 'lodging', 'unique_together': (('site', 'number'),), 'pk_attr': 'id', 'table_description': 'A bookable room with its housekeeping state (occupancy and cleanliness).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Reservation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='lodging_reservations', on_delete=OnDelete.RESTRICT)),
                ('room', fields.ForeignKeyField('lodging.Room', source_field='room_id', db_constraint=True, to_field='id', related_name='reservations', on_delete=OnDelete.RESTRICT)),
                ('room_type', fields.ForeignKeyField('lodging.RoomType', source_field='room_type_id', db_constraint=True, to_field='id', related_name='reservations', on_delete=OnDelete.RESTRICT)),
                ('guest', fields.ForeignKeyField('parties.Party', source_field='guest_id', db_constraint=True, to_field='id', related_name='lodging_reservations', on_delete=OnDelete.RESTRICT)),
                ('arrival', fields.DateField(db_index=True)),
                ('departure', fields.DateField(db_index=True)),
                ('adults', fields.IntField(default=1)),
                ('children', fields.IntField(default=0)),
                ('rate', fields.DecimalField(default=0, description='Nightly rate agreed for the room', max_digits=10, decimal_places=2)),
                ('channel', fields.CharField(default='direct', max_length=32)),
                ('notes', fields.TextField(default='', unique=False)),
                ('status', fields.CharField(default='confirmed', db_index=True, description='draft, confirmed, checked_in, checked_out, cancelled or no_show', max_length=16)),
                ('currency', fields.CharField(default='EUR', max_length=3)),
                ('checked_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('checked_out_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('cancelled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'lodging_reservation', 'app': 'lodging', 'pk_attr': 'id', 'table_description': 'A stay: a guest in a room for the nights from arrival to departure (exclusive).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FolioLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reservation', fields.ForeignKeyField('lodging.Reservation', source_field='reservation_id', db_constraint=True, to_field='id', related_name='folio_lines', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(description='room, city_tax, extra, payment or deposit', max_length=16)),
                ('description', fields.CharField(default='', max_length=200)),
                ('night', fields.DateField(null=True, description='The night a room or city tax line is for')),
                ('quantity', fields.IntField(default=1)),
                ('unit_amount', fields.DecimalField(max_digits=10, decimal_places=2)),
                ('amount', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lodging_folio_line', 'app': 'lodging', 'pk_attr': 'id', 'table_description': "A charge or a payment on a reservation's folio (amounts are positive)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GuestRegistration',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reservation', fields.ForeignKeyField('lodging.Reservation', source_field='reservation_id', db_constraint=True, to_field='id', related_name='registrations', on_delete=OnDelete.CASCADE)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='lodging_registrations', on_delete=OnDelete.SET_NULL)),
                ('full_name', fields.CharField(max_length=200)),
                ('document_type', fields.CharField(description='passport, id_card, driving_licence', max_length=32)),
                ('document_number', fields.CharField(max_length=64)),
                ('issuing_country', fields.CharField(description='ISO 3166 alpha-2 code of the country that issued the document', max_length=2)),
                ('nationality', fields.CharField(description='ISO 3166 alpha-2 code', max_length=2)),
                ('birth_date', fields.DateField(null=True)),
                ('erased_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lodging_guest_registration', 'app': 'lodging', 'pk_attr': 'id', 'table_description': 'One guest in the room as recorded at check-in for the police guest registry.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RoomClosure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('room', fields.ForeignKeyField('lodging.Room', source_field='room_id', db_constraint=True, to_field='id', related_name='closures', on_delete=OnDelete.CASCADE)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
                ('reason', fields.CharField(default='', max_length=300)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lodging_room_closure', 'app': 'lodging', 'pk_attr': 'id', 'table_description': 'A room out of order from start to end (end exclusive, like a departure).'},
            bases=['Model'],
        ),
    ]
