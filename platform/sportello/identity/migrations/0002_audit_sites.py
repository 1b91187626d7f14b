"""Audit entries that touch several sites (a party linked to several) list them in
``identity_audit_site``, so the auditors of each site see them."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('identity', '0001_initial'), ('parties', '0003_party_sites')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditSite',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('entry', fields.ForeignKeyField('identity.AuditEntry', source_field='entry_id', db_index=True, db_constraint=True, to_field='id', related_name='site_links', on_delete=OnDelete.CASCADE)),
                ('site_id', fields.IntField()),
            ],
            options={'table': 'identity_audit_site', 'app': 'identity', 'unique_together': (('site_id', 'entry'),), 'pk_attr': 'id', 'table_description': 'A further site an audit entry touches.'},
            bases=['Model'],
        ),
    ]
