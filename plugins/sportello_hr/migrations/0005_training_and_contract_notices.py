from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('calendars', '0001_initial'), ('calendars', '0002_department'), ('hr', '0004_shift_no_overlap'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ContractNotice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('contract', fields.OneToOneField('hr.Contract', source_field='contract_id', db_constraint=True, to_field='id', related_name='end_notice', on_delete=OnDelete.CASCADE)),
                ('end', fields.DateField(description="The contract's last day when it was announced.")),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_contract_notice', 'app': 'hr', 'pk_attr': 'id', 'table_description': "A contract's end was announced to its manager and HR (one row per contract: once)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Course',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(max_length=120)),
                ('names', fields.JSONField(default=dict, description='The name in other languages, by language code (``{"it": "Antincendio"}``).', encoder=JSON_DUMPS, decoder=loads)),
                ('validity_months', fields.SmallIntField(null=True, description='Months a completion stays valid (null: it never expires).')),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_course', 'app': 'hr', 'pk_attr': 'id', 'table_description': 'A training course (fire safety, GDPR, first aid) and how long completing it counts.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TrainingRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('employee', fields.ForeignKeyField('hr.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='trainings', on_delete=OnDelete.RESTRICT)),
                ('course', fields.ForeignKeyField('hr.Course', source_field='course_id', db_constraint=True, to_field='id', related_name='records', on_delete=OnDelete.RESTRICT)),
                ('completed_on', fields.DateField()),
                ('expires_on', fields.DateField(null=True, db_index=True, description='The last day it is valid (null: it does not expire).')),
                ('certificate_ref', fields.CharField(default='', description="The certificate's number or reference in the document archive.", max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hr_training_record', 'app': 'hr', 'unique_together': (('employee', 'course', 'completed_on'),), 'pk_attr': 'id', 'table_description': 'An employee completed a course: when, until when it counts, the certificate.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Station',
            name='required_course',
            field=fields.ForeignKeyField('hr.Course', source_field='required_course_id', null=True, description="A course whoever works here must have completed, valid on the shift's days (null: none).", db_constraint=True, to_field='id', related_name='stations', on_delete=OnDelete.RESTRICT),
        ),
    ]
