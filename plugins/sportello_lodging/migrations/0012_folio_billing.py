"""Company billing: a stay's bill-to party and the charge codes routed to it, in a table of its
own (one row per stay that has one)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('lodging', '0011_registry_police_fields'), ('parties', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FolioBilling',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('reservation', fields.OneToOneField('lodging.Reservation', source_field='reservation_id', db_constraint=True, to_field='id', related_name='folio_billing', on_delete=OnDelete.CASCADE)),
                ('bill_to', fields.ForeignKeyField('parties.Party', source_field='bill_to_id', db_constraint=True, to_field='id', related_name='lodging_folios_billed', on_delete=OnDelete.RESTRICT)),
                ('charge_codes', fields.JSONField(default=list, description='The charge codes the bill-to pays (ROOM_NIGHT, BREAKFAST), empty for every charge', encoder=JSON_DUMPS, decoder=loads)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'lodging_folio_billing', 'app': 'lodging', 'pk_attr': 'id', 'table_description': "A stay's bill-to party and the charges it pays (every other charge is the guest's)."},
            bases=['Model'],
        ),
    ]
