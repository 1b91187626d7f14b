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
            name='Counter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='counter_counters', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=100)),
                ('service_ids', fields.JSONField(default=list, description='Ids of the services this counter serves', encoder=JSON_DUMPS, decoder=loads)),
                ('staff', fields.ForeignKeyField('parties.Party', source_field='staff_id', null=True, db_constraint=True, to_field='id', related_name='counter_desks', on_delete=OnDelete.SET_NULL)),
                ('staff_user_id', fields.IntField(null=True)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'counter_counter', 'app': 'counter', 'unique_together': (('site', 'name'),), 'pk_attr': 'id', 'table_description': "A desk where a clerk serves some of the site's services."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CounterService',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='counter_services', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('prefix', fields.CharField(description='Letter printed before the ticket number (A for A001)', max_length=3)),
                ('opening_hours', fields.JSONField(default=dict, description='Weekday (0 = Monday) to a list of [start, end] local times, e.g. {"0": [["08:30", "12:30"]]}', encoder=JSON_DUMPS, decoder=loads)),
                ('closed_days', fields.JSONField(default=list, description='ISO dates on which the service is closed', encoder=JSON_DUMPS, decoder=loads)),
                ('service_minutes', fields.IntField(default=10, description='Expected minutes to serve one person')),
                ('target_wait_minutes', fields.IntField(default=15, description='Target waiting time in minutes')),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'counter_service', 'app': 'counter', 'unique_together': (('site', 'prefix'),), 'pk_attr': 'id', 'table_description': 'A service offered at a site (registry office, waste tax) with its ticket prefix.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Appointment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='counter_appointments', on_delete=OnDelete.RESTRICT)),
                ('service', fields.ForeignKeyField('counter.CounterService', source_field='service_id', db_constraint=True, to_field='id', related_name='appointments', on_delete=OnDelete.RESTRICT)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='counter_appointments', on_delete=OnDelete.SET_NULL)),
                ('party_name', fields.CharField(default='', max_length=200)),
                ('code', fields.CharField(unique=True, max_length=16)),
                ('slot_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('status', fields.CharField(default='booked', max_length=16)),
                ('checked_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'counter_appointment', 'app': 'counter', 'pk_attr': 'id', 'table_description': 'A booked slot for a service, identified by a short code the citizen keeps.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DisplayToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='counter_display_tokens', on_delete=OnDelete.CASCADE)),
                ('digest', fields.CharField(unique=True, max_length=64)),
                ('label', fields.CharField(default='', max_length=100)),
                ('revoked', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'counter_display_token', 'app': 'counter', 'pk_attr': 'id', 'table_description': 'A token that lets one hall display of one site stream calls (stored as a digest).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Ticket',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='counter_tickets', on_delete=OnDelete.RESTRICT)),
                ('service', fields.ForeignKeyField('counter.CounterService', source_field='service_id', description='The service the ticket waits for now (changes on transfer)', db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.RESTRICT)),
                ('numbered_service', fields.ForeignKeyField('counter.CounterService', source_field='numbered_service_id', description='The service whose sequence gave the number (never changes)', db_constraint=True, to_field='id', related_name='numbered_tickets', on_delete=OnDelete.RESTRICT)),
                ('day', fields.DateField()),
                ('number', fields.IntField()),
                ('code', fields.CharField(description='Printed code, e.g. A001', max_length=16)),
                ('priority', fields.CharField(default='normal', max_length=16)),
                ('priority_reason', fields.CharField(null=True, max_length=16)),
                ('status', fields.CharField(default='waiting', db_index=True, max_length=16)),
                ('channel', fields.CharField(default='kiosk', max_length=16)),
                ('appointment', fields.ForeignKeyField('counter.Appointment', source_field='appointment_id', null=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.SET_NULL)),
                ('slot_at', fields.DatetimeField(null=True, description='Slot time of the appointment, if any', auto_now=False, auto_now_add=False)),
                ('party_name', fields.CharField(default='', max_length=200)),
                ('estimated_wait_minutes', fields.IntField(default=0)),
                ('issued_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('counter', fields.ForeignKeyField('counter.Counter', source_field='counter_id', null=True, db_constraint=True, to_field='id', related_name='tickets', on_delete=OnDelete.SET_NULL)),
                ('clerk_user_id', fields.IntField(null=True)),
                ('clerk_label', fields.CharField(default='', max_length=254)),
                ('called_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('recalls', fields.IntField(default=0)),
                ('service_started_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('outcome', fields.TextField(default='', unique=False)),
                ('resolved', fields.BooleanField(null=True)),
                ('transfers', fields.IntField(default=0)),
            ],
            options={'table': 'counter_ticket', 'app': 'counter', 'unique_together': (('numbered_service', 'day', 'number'),), 'pk_attr': 'id', 'table_description': 'A queue ticket: a walk-in or a checked-in appointment waiting for a service.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TicketSequence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('service', fields.ForeignKeyField('counter.CounterService', source_field='service_id', db_constraint=True, to_field='id', related_name='sequences', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('last_number', fields.IntField(default=0)),
            ],
            options={'table': 'counter_ticket_sequence', 'app': 'counter', 'unique_together': (('service', 'day'),), 'pk_attr': 'id', 'table_description': 'The last ticket number issued for a service on a day (one row per service and day).'},
            bases=['Model'],
        ),
    ]
