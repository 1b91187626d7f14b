from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('calendars', '0002_department'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Employee',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_constraint=True, to_field='id', related_name='hr_employments', on_delete=OnDelete.RESTRICT)),
                ('user_id', fields.IntField(null=True, unique=True, description='The login account of the employee, when they have one (a user id).')),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', description="The main work site (the employee's records are read at it and at the other work sites).", db_constraint=True, to_field='id', related_name='hr_employees', on_delete=OnDelete.RESTRICT)),
                ('department', fields.ForeignKeyField('org.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='hr_employees', on_delete=OnDelete.RESTRICT)),
                ('manager', fields.ForeignKeyField('hr.Employee', source_field='manager_id', null=True, db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.SET_NULL)),
                ('job_title', fields.CharField(default='', max_length=120)),
                ('work_email', fields.CharField(default='', max_length=254)),
                ('work_phone', fields.CharField(default='', max_length=40)),
                ('start_date', fields.DateField()),
                ('end_date', fields.DateField(null=True, description='The last working day once the employment ends.')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_employee', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'An employment: a person working for the organisation at one or more sites.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Contract',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='contracts', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(default='permanent', max_length=16)),
                ('hours_per_week', fields.DecimalField(null=True, description='Hours per week for a part-time contract, null for full time.', max_digits=5, decimal_places=2)),
                ('work_days', fields.SmallIntField(default=31, description='The weekdays worked, a bit mask (bit 0 Monday ... bit 6 Sunday).')),
                ('start', fields.DateField()),
                ('end', fields.DateField(null=True, db_index=True, description='Last day of the contract, null for a permanent one.')),
                ('calendar', fields.ForeignKeyField('calendars.BusinessCalendar', source_field='calendar_id', null=True, description="The business calendar of public holidays and closed days, null: the site's.", db_constraint=True, to_field='id', related_name='hr_contracts', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_contract', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'An employment contract: its kind, dates, weekly hours and working calendar.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EmployeeSite',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='work_sites', on_delete=OnDelete.CASCADE)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='hr_employee_sites', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'hr_employee_site', 'app': 'hr', 'unique_together': (('employee', 'site'),), 'pk_attr': 'id', 'table_description': 'A site an employee works at (the main one included).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LeaveType',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('name', fields.CharField(max_length=100)),
                ('uses_allocation', fields.BooleanField(default=True, description='Requests draw on a yearly allocation (false: sick leave, no balance kept).')),
                ('allow_negative', fields.BooleanField(default=False, description="The balance may go below zero (an advance on next year's leave).")),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'hr_leave_type', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'A kind of absence: annual leave, sick leave, parental leave, unpaid leave...'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LeaveAllocation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='leave_allocations', on_delete=OnDelete.RESTRICT)),
                ('leave_type', fields.ForeignKeyField('hr.LeaveType', source_field='leave_type_id', db_constraint=True, to_field='id', related_name='allocations', on_delete=OnDelete.RESTRICT)),
                ('year', fields.SmallIntField()),
                ('days', fields.DecimalField(description='Days for the whole year.', max_digits=6, decimal_places=1)),
                ('accrual', fields.CharField(default='yearly', description='yearly: all days from January, monthly: a twelfth at the start of each month.', max_length=16)),
                ('used', fields.DecimalField(default=0, description='Days of approved requests.', max_digits=6, decimal_places=1)),
                ('pending', fields.DecimalField(default=0, description='Days of requests waiting for approval (held until decided).', max_digits=6, decimal_places=1)),
            ],
            options={'table': 'hr_leave_allocation', 'app': 'hr', 'unique_together': (('employee', 'leave_type', 'year'),), 'pk_attr': 'id', 'table_description': 'The days of a leave type an employee gets in a year, and what they took: the balance.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LeaveRequest',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='leave_requests', on_delete=OnDelete.RESTRICT)),
                ('leave_type', fields.ForeignKeyField('hr.LeaveType', source_field='leave_type_id', db_constraint=True, to_field='id', related_name='requests', on_delete=OnDelete.RESTRICT)),
                ('allocation', fields.ForeignKeyField('hr.LeaveAllocation', source_field='allocation_id', null=True, db_constraint=True, to_field='id', related_name='requests', on_delete=OnDelete.RESTRICT)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
                ('half_day_start', fields.BooleanField(default=False, description='The first day is taken from midday.')),
                ('half_day_end', fields.BooleanField(default=False, description='The last day is taken until midday.')),
                ('days', fields.DecimalField(description='Working days counted (non-working days and public holidays skipped).', max_digits=6, decimal_places=1)),
                ('start_slot', fields.IntField(description='Half-day slots [start_slot, end_slot): two per date (morning, afternoon).')),
                ('end_slot', fields.IntField()),
                ('status', fields.CharField(default='pending', db_index=True, max_length=16)),
                ('note', fields.CharField(default='', max_length=500)),
                ('decided_by_user_id', fields.IntField(null=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_leave_request', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'An absence asked for by an employee, in days or half days, approved by the manager.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PersonalData',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.OneToOneField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='personal_data', on_delete=OnDelete.CASCADE)),
                ('home_address', fields.CharField(default='', max_length=500)),
                ('birth_date', fields.DateField(null=True)),
                ('id_document_kind', fields.CharField(default='', description='Identity card, passport, residence permit...', max_length=40)),
                ('id_document_number', fields.CharField(default='', max_length=64)),
                ('id_document_expiry', fields.DateField(null=True)),
                ('emergency_contact_name', fields.CharField(default='', max_length=200)),
                ('emergency_contact_phone', fields.CharField(default='', max_length=40)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'hr_personal_data', 'app': 'hr', 'pk_attr': 'id', 'table_description': "An employee's private data, read only by HR (hr.manage) and erased on request."},
            bases=['Model'],
        ),
    ]
