from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='InboundMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message_id', fields.CharField(unique=True, description='The Message-ID header without angle brackets (one of our own when it had none)', max_length=300)),
                ('in_reply_to', fields.CharField(null=True, max_length=300)),
                ('references', fields.TextField(default='', description='The References header, message ids separated by spaces', unique=False)),
                ('from_address', fields.CharField(db_index=True, max_length=254)),
                ('from_name', fields.CharField(default='', max_length=200)),
                ('subject', fields.CharField(default='', max_length=300)),
                ('size', fields.IntField(default=0)),
                ('office', fields.CharField(null=True, description='The office that claimed it (null: nobody did)', max_length=64)),
                ('item_type', fields.CharField(null=True, max_length=64)),
                ('item_id', fields.BigIntField(null=True)),
                ('received_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'inbound_message', 'app': 'inbound', 'pk_attr': 'id', 'table_description': 'An email received through the inbound route, kept once per Message-ID.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InboundAttachment',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message', fields.ForeignKeyField('inbound.InboundMessage', source_field='message_id', db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.CASCADE)),
                ('filename', fields.CharField(default='', max_length=255)),
                ('content_type', fields.CharField(default='application/octet-stream', max_length=127)),
                ('size', fields.IntField()),
                ('content', fields.BinaryField(null=True, description='The bytes, or null when the file was over [inbound] max_attachment_bytes')),
            ],
            options={'table': 'inbound_attachment', 'app': 'inbound', 'pk_attr': 'id', 'table_description': 'A file that came with an inbound email (its content only when under the size cap).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MailThread',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message_id', fields.CharField(unique=True, max_length=300)),
                ('office', fields.CharField(max_length=64)),
                ('item_type', fields.CharField(max_length=64)),
                ('item_id', fields.BigIntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'inbound_thread', 'app': 'inbound', 'pk_attr': 'id', 'table_description': 'A Message-ID (received or sent) and the office item its conversation belongs to.'},
            bases=['Model'],
        ),
    ]
