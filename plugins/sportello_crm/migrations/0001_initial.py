from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('org', '0001_initial'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = True

    operations = [
        ops.CreateModel(
            name='Case',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='crm_cases', on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharField(default='request', description='complaint, information or request', max_length=16)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='crm_cases', on_delete=OnDelete.RESTRICT)),
                ('subject', fields.CharField(max_length=200)),
                ('description', fields.TextField(default='', unique=False)),
                ('channel', fields.CharField(description='The channel the case came in through', max_length=16)),
                ('category', fields.CharField(default='', max_length=100)),
                ('priority', fields.CharField(default='normal', max_length=16)),
                ('status', fields.CharField(default='open', db_index=True, description='open (at the desk), transferred (with a department), waiting (on the party), resolved', max_length=16)),
                ('department', fields.ForeignKeyField('org.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='crm_cases', on_delete=OnDelete.RESTRICT)),
                ('assignee_id', fields.IntField(null=True, db_index=True, description='The user working on the case (null: nobody has taken it)')),
                ('resume_status', fields.CharField(null=True, description='The status a case waiting on the party goes back to when the party answers', max_length=16)),
                ('outcome', fields.TextField(null=True, unique=False)),
                ('version', fields.IntField(default=1, description='Raised by every change: a write naming an older version is a conflict')),
                ('thread_key', fields.CharField(null=True, db_index=True, description='The Message-ID of the last email about the case, for threading replies', max_length=300)),
                ('reopened_count', fields.IntField(default=0)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'crm_case', 'app': 'crm', 'pk_attr': 'id', 'table_description': 'A complaint, information request or citizen request, from the desk to a department and back.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('crm.Case', source_field='case_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.CASCADE)),
                ('action', fields.CharField(description='What happened (created, triaged, taken, transferred, waiting, party_answered, resolved, ...)', max_length=32)),
                ('from_status', fields.CharField(null=True, max_length=16)),
                ('to_status', fields.CharField(null=True, max_length=16)),
                ('department_id', fields.IntField(null=True)),
                ('note', fields.TextField(default='', unique=False)),
                ('user_id', fields.IntField(null=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'crm_case_entry', 'app': 'crm', 'pk_attr': 'id', 'table_description': "One step of a case's history: created, triaged, transferred with its note, resolved."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Interaction',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='crm_interactions', on_delete=OnDelete.RESTRICT)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', null=True, db_constraint=True, to_field='id', related_name='crm_interactions', on_delete=OnDelete.RESTRICT)),
                ('channel', fields.CharField(description='phone, email, counter, web, chat, letter or social', max_length=16)),
                ('direction', fields.CharField(default='in', description='in (from the party) or out (to the party)', max_length=3)),
                ('subject', fields.CharField(default='', max_length=200)),
                ('body', fields.TextField(default='', unique=False)),
                ('filter_note', fields.TextField(default='', description="The switchboard's filtering note on a call (who, what about, who it went to)", unique=False)),
                ('contact', fields.CharField(default='', description='The address or number it came from or went to (an email address, a phone number)', max_length=254)),
                ('case', fields.ForeignKeyField('crm.Case', source_field='case_id', null=True, db_constraint=True, to_field='id', related_name='interactions', on_delete=OnDelete.SET_NULL)),
                ('message_id', fields.CharField(null=True, db_index=True, description='The RFC 822 Message-ID of an email (inbound or sent)', max_length=300)),
                ('attachments', fields.JSONField(default=list, description='Files that came with an inbound email: id, filename, content type, size, stored', encoder=JSON_DUMPS, decoder=loads)),
                ('occurred_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('handled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('handled_by_id', fields.IntField(null=True)),
                ('created_by_id', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'crm_interaction', 'app': 'crm', 'pk_attr': 'id', 'table_description': 'A contact with a party on one channel: a call, an email, a visit at the counter, a letter.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Link',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('interaction', fields.ForeignKeyField('crm.Interaction', source_field='interaction_id', null=True, db_constraint=True, to_field='id', related_name='links', on_delete=OnDelete.CASCADE)),
                ('case', fields.ForeignKeyField('crm.Case', source_field='case_id', null=True, db_constraint=True, to_field='id', related_name='links', on_delete=OnDelete.CASCADE)),
                ('object_type', fields.CharField(description='The GraphQL type of the object (Reservation, QueueTicket, Invoice)', max_length=100)),
                ('object_id', fields.CharField(description="The object's global id, as the API gives it", max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'crm_link', 'app': 'crm', 'pk_attr': 'id', 'table_description': "A link from an interaction or a case to any office's object, by its global id."},
            bases=['Model'],
        ),
    ]
