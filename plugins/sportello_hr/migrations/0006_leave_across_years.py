from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('calendars', '0001_initial'), ('calendars', '0002_department'), ('hr', '0005_training_and_contract_notices'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.AddField(
            model_name='LeaveRequest',
            name='next_allocation',
            field=fields.ForeignKeyField('hr.LeaveAllocation', source_field='next_allocation_id', null=True, description="For a request across New Year: the next year's allocation, charged ``next_days``.", db_constraint=True, to_field='id', related_name='requests_from_before', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='LeaveRequest',
            name='next_days',
            field=fields.DecimalField(default=0, description='Of ``days``, those in the next year (drawn on ``next_allocation``), 0 within one year.', max_digits=6, decimal_places=1),
        ),
    ]
