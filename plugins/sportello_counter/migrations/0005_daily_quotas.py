"""Walk-in and appointment quotas per service and day."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('counter', '0004_online_booking'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.AddField(
            model_name='CounterService',
            name='daily_appointment_quota',
            field=fields.IntField(null=True, description='Appointments the service takes on one day at most (null: no limit)'),
        ),
        ops.AddField(
            model_name='CounterService',
            name='daily_walk_in_quota',
            field=fields.IntField(null=True, description='Walk-in tickets the service issues on one day at most (null: no limit)'),
        ),
    ]
