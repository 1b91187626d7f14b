from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('crm', '0003_pipeline_defaults'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Case',
            name='satisfaction',
            field=fields.SmallIntField(null=True, description="The requester's satisfaction with the answer, 1 (poor) to 5 (excellent)"),
        ),
        ops.AddField(
            model_name='Case',
            name='satisfaction_comment',
            field=fields.TextField(default='', unique=False),
        ),
    ]
