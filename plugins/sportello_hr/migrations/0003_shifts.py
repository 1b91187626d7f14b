from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('calendars', '0001_initial'), ('calendars', '0002_department'), ('hr', '0002_leave_no_overlap'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EmployeeSkill',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='skills', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=64)),
                ('acquired_on', fields.DateField(null=True, description="When it was acquired (a course's date).")),
                ('valid_until', fields.DateField(null=True, db_index=True, description='The last day it is valid (null: it does not expire).')),
            ],
            options={'table': 'hr_employee_skill', 'app': 'hr', 'unique_together': (('employee', 'code'),), 'pk_attr': 'id', 'table_description': 'A skill or a training an employee holds (fire safety, first aid, GDPR), and until when.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Station',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='hr_stations', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=100)),
                ('kind', fields.CharField(default='front_desk', max_length=16)),
                ('required_skill', fields.CharField(default='', description='A skill or training code whoever works here must hold, valid on the day (empty: none).', max_length=64)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'hr_station', 'app': 'hr', 'unique_together': (('site', 'name'),), 'pk_attr': 'id', 'table_description': 'A place at a site where someone must be on duty: a front desk, a counter, a floor.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShiftTemplate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='hr_shift_templates', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=100)),
                ('start_minute', fields.SmallIntField(description='Local start, minutes after midnight.')),
                ('end_minute', fields.SmallIntField(description='Local end, minutes after midnight (not after the start: the next day).')),
                ('station', fields.ForeignKeyField('hr.Station', source_field='station_id', null=True, db_constraint=True, to_field='id', related_name='templates', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'hr_shift_template', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'A shift pattern of a site (07:00-15:00 at the front desk), which may run past midnight.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Shift',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='shifts', on_delete=OnDelete.RESTRICT)),
                ('station', fields.ForeignKeyField('hr.Station', source_field='station_id', db_constraint=True, to_field='id', related_name='shifts', on_delete=OnDelete.RESTRICT)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', description="The station's site, kept on the row for the roster and site scoping.", db_constraint=True, to_field='id', related_name='hr_shifts', on_delete=OnDelete.RESTRICT)),
                ('start', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('end', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('template', fields.ForeignKeyField('hr.ShiftTemplate', source_field='template_id', null=True, db_constraint=True, to_field='id', related_name='shifts', on_delete=OnDelete.SET_NULL)),
                ('overridden', fields.BooleanField(default=False, description='A manager assigned it despite a refused check (the override is audited).')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_shift', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'An employee on duty at a station from start to end: a line of the roster.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShiftSwap',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shift', fields.ForeignKeyField('hr.Shift', source_field='shift_id', db_constraint=True, to_field='id', related_name='swaps', on_delete=OnDelete.CASCADE)),
                ('colleague', fields.ForeignKeyField('hr.Employee', source_field='colleague_id', description='The colleague who would take the shift.', db_constraint=True, to_field='id', related_name='swaps_offered', on_delete=OnDelete.RESTRICT)),
                ('other_shift', fields.ForeignKeyField('hr.Shift', source_field='other_shift_id', null=True, description="The colleague's shift given in exchange (null: a plain hand-over).", db_constraint=True, to_field='id', related_name='swaps_back', on_delete=OnDelete.CASCADE)),
                ('requester', fields.ForeignKeyField('hr.Employee', source_field='requester_id', description="The employee who asked (the shift's holder when asked).", db_constraint=True, to_field='id', related_name='swaps_asked', on_delete=OnDelete.RESTRICT)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='hr_shift_swaps', on_delete=OnDelete.RESTRICT)),
                ('status', fields.CharField(default='pending', db_index=True, max_length=16)),
                ('decided_by_user_id', fields.IntField(null=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_shift_swap', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'An employee asks to hand a shift to a colleague (or to exchange it for one of theirs).'},
            bases=['Model'],
        ),
    ]
