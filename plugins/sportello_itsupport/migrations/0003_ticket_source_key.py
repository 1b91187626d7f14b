"""Tickets opened by other offices remember what opened them (an event's idempotency key)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('itsupport', '0002_kb_search'), ('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Ticket',
            name='source_key',
            field=fields.CharField(null=True, unique=True, description="What opened it when another office did (an event's idempotency key): opened once", max_length=100),
        ),
    ]
