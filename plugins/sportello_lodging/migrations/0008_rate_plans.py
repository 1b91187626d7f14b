"""Rate plans and their season prices per room type; a reservation names its plan and keeps the
price of each night it was sold at (new columns only: SQLite adds them without rebuilding the
reservation table)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('lodging', '0007_folio_codes_methods_voids'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RatePlan',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='lodging_rate_plans', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('channels', fields.JSONField(default=list, description='Channels selling the plan (direct, booking.com ...), empty for every channel', encoder=JSON_DUMPS, decoder=loads)),
                ('policy', fields.CharField(default='flexible', description='flexible or non_refundable', max_length=16)),
                ('free_cancellation_days', fields.IntField(default=1, description='Flexible plans cancel free until this many days before the arrival')),
                ('cancellation_fee_nights', fields.IntField(default=1, description='Nights charged for a late cancellation of a flexible plan')),
                ('no_show_fee_nights', fields.IntField(default=1, description='Nights charged at a no-show (a non-refundable plan charges the whole stay)')),
                ('breakfast_included', fields.BooleanField(default=False)),
                ('min_stay', fields.IntField(default=1, description='Fewest nights a stay on the plan may last (a price row may ask for more)')),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'lodging_rate_plan', 'app': 'lodging', 'unique_together': (('site', 'code'),), 'pk_attr': 'id', 'table_description': 'A way a site sells its rooms (flexible, non-refundable, breakfast included) with its'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RatePrice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rate_plan', fields.ForeignKeyField('lodging.RatePlan', source_field='rate_plan_id', db_constraint=True, to_field='id', related_name='prices', on_delete=OnDelete.CASCADE)),
                ('room_type', fields.ForeignKeyField('lodging.RoomType', source_field='room_type_id', db_constraint=True, to_field='id', related_name='rate_prices', on_delete=OnDelete.RESTRICT)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
                ('weekday_prices', fields.JSONField(description='Seven nightly prices as decimal strings, Monday first', encoder=JSON_DUMPS, decoder=loads)),
                ('min_stay', fields.IntField(null=True, description="Fewest nights for a stay arriving in the season (null: the plan's)")),
                ('closed_to_arrival', fields.JSONField(default=list, description='Days of the week (0 Monday to 6 Sunday) no stay may arrive on in the season', encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'lodging_rate_price', 'app': 'lodging', 'indexes': [Index(fields=['rate_plan_id', 'room_type_id', 'start'])], 'pk_attr': 'id', 'table_description': "A plan's nightly price of one room type for a season (start to end, end exclusive), one"},
            bases=['Model'],
        ),
        # Migrating back, SQLite rebuilds the reservation table to drop these columns, without
        # the arrival-order index of 0004: it is dropped first and made again after.
        ops.RemoveIndex(model_name='Reservation', fields=['arrival', 'id']),
        ops.AddField(
            model_name='Reservation',
            name='nightly_rates',
            field=fields.JSONField(null=True, description='Price of each night by ISO date, from the rate plan (nights not listed use rate)', encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Reservation',
            name='rate_plan_id',
            field=fields.IntField(null=True, description='The rate plan the stay was sold on (lodging_rate_plan)'),
        ),
        ops.AddField(
            model_name='Reservation',
            name='by_room_type',
            field=fields.BooleanField(default=False, null=True, description='Booked by room type: the room was assigned by the office and may be re-assigned'),
        ),
        ops.AddIndex(model_name='Reservation', index=Index(fields=['arrival', 'id'])),
    ]
