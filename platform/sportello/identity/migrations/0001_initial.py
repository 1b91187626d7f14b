from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial')]

    initial = True

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('actor_user_id', fields.IntField(null=True, db_index=True)),
                ('actor_label', fields.CharField(default='', max_length=254)),
                ('request_id', fields.CharField(null=True, max_length=64)),
                ('operation', fields.CharField(db_index=True, max_length=100)),
                ('object_type', fields.CharField(default='', max_length=100)),
                ('object_id', fields.CharField(default='', db_index=True, max_length=64)),
                ('changes', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('site_id', fields.IntField(null=True, db_index=True, description='The site of the changed record, when it has one (auditors bound to sites see only theirs).')),
            ],
            options={'table': 'identity_audit_entry', 'app': 'identity', 'pk_attr': 'id', 'table_description': 'Append-only: nothing in the API updates or deletes these rows.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LoginThrottle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(unique=True, max_length=128)),
                ('failures', fields.IntField(default=0)),
                ('last_failure_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('blocked_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'identity_login_throttle', 'app': 'identity', 'pk_attr': 'id', 'table_description': 'Failed logins per client IP and per IP plus account (the account as a digest, not an email).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Role',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=64)),
                ('permissions', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('description', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'identity_role', 'app': 'identity', 'pk_attr': 'id', 'table_description': 'A role defined through the API (roles from config and plugins need no row).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('password_hash', fields.CharField(default='', max_length=255)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_constraint=True, to_field='id', related_name='users', on_delete=OnDelete.RESTRICT)),
                ('roles', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('site_ids', fields.JSONField(default=list, description='Site IDs this user works at, empty with ``all_sites`` means every site.', encoder=JSON_DUMPS, decoder=loads)),
                ('all_sites', fields.BooleanField(default=False)),
                ('is_superuser', fields.BooleanField(default=False)),
                ('is_service', fields.BooleanField(default=False)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_login_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'identity_user', 'app': 'identity', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Token',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('identity.User', source_field='user_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=16)),
                ('digest', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(default='', max_length=100)),
                ('scopes', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('family', fields.CharField(default='', max_length=32)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'identity_token', 'app': 'identity', 'pk_attr': 'id', 'table_description': 'Opaque bearer tokens, stored as SHA-256 digests so a database leak reveals none.'},
            bases=['Model'],
        ),
    ]
