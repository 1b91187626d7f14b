from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='FrontDesk',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='front_desks', on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=200)),
                ('kind', fields.CharField(default='reception', max_length=32)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'reception_front_desk', 'app': 'reception', 'unique_together': (('site', 'code'),), 'pk_attr': 'id', 'table_description': 'A front desk or station at a site: a hotel reception, a counter hall, a company lobby.'},
            bases=['Model'],
        ),
    ]
