"""Citizens book by themselves: services open to online booking, the contact on each
appointment, one lockable row per contact, and the "your turn is near" mark on tickets."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('counter', '0003_parties_known_at_sites'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BookingContact',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('contact', fields.CharField(unique=True, description='email:<address> or phone:<E.164 number>', max_length=260)),
            ],
            options={'table': 'counter_booking_contact', 'app': 'counter', 'pk_attr': 'id', 'table_description': 'An email or phone number that booked online (its row lock serialises its bookings).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Appointment',
            name='channel',
            field=fields.CharField(default='desk', description='Who booked: desk (staff) or online (the citizen, without an account)', max_length=16),
        ),
        ops.AddField(
            model_name='Appointment',
            name='contact_email',
            field=fields.CharField(default='', db_index=True, description="The citizen's email as given for this booking (lower case), empty when none", max_length=254),
        ),
        ops.AddField(
            model_name='Appointment',
            name='contact_phone',
            field=fields.CharField(default='', db_index=True, description="The citizen's phone number as given for this booking (E.164), empty when none", max_length=32),
        ),
        ops.AddField(
            model_name='CounterService',
            name='public_booking',
            field=fields.BooleanField(default=False, description='Citizens book this service themselves, without an account (public slots and booking)'),
        ),
        ops.AddField(
            model_name='Ticket',
            name='near_notified',
            field=fields.BooleanField(default=False, description='The holder was told their turn is near (sent once)'),
        ),
    ]
