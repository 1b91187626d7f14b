from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('identity', '0001_initial'), ('parties', '0002_contact_points_addresses_consents')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Department',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=200)),
                ('code', fields.CharField(null=True, description='A short code, unique among the units under the same parent (null: none)', max_length=32)),
                ('kind', fields.CharField(default='department', description='department or team', max_length=16)),
                ('parent', fields.ForeignKeyField('org.Department', source_field='parent_id', null=True, db_index=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', null=True, db_index=True, description='The site the unit works at (null: the whole organisation)', db_constraint=True, to_field='id', related_name='departments', on_delete=OnDelete.RESTRICT)),
                ('manager', fields.ForeignKeyField('identity.User', source_field='manager_id', null=True, db_constraint=True, to_field='id', related_name='managed_departments', on_delete=OnDelete.SET_NULL)),
                ('active', fields.BooleanField(default=True, description='False once archived: kept for history, no new work is routed to it')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'org_department', 'app': 'org', 'unique_together': (('parent', 'code'),), 'pk_attr': 'id', 'table_description': 'A unit of the organisation (a department, or a team within one) that work is routed to.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Member',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('department', fields.ForeignKeyField('org.Department', source_field='department_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.RESTRICT)),
                ('user', fields.ForeignKeyField('identity.User', source_field='user_id', db_index=True, db_constraint=True, to_field='id', related_name='department_memberships', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'org_member', 'app': 'org', 'unique_together': (('department', 'user'),), 'pk_attr': 'id', 'table_description': 'A user working in a unit.'},
            bases=['Model'],
        ),
    ]
