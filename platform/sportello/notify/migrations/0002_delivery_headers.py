from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('notify', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Delivery',
            name='headers',
            field=fields.JSONField(null=True, description='extra email headers the office asked for (Message-ID, In-Reply-To, References)', encoder=JSON_DUMPS, decoder=loads),
        ),
    ]
