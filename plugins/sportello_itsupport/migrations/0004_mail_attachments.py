"""Tickets and their messages list the files that came with them by email."""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('itsupport', '0003_ticket_source_key')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Ticket',
            name='attachments',
            field=fields.JSONField(default=list, description='Files of the email that opened it: id, filename, content type, size, stored', encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='TicketMessage',
            name='attachments',
            field=fields.JSONField(default=list, description='Files that came with it by email: id, filename, content type, size, stored', encoder=JSON_DUMPS, decoder=loads),
        ),
    ]
