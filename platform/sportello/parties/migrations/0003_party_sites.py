"""Parties known at sites: ``parties_party_site`` links a party to a site where a record names
it. Site-bound users see only the parties linked to their sites. This migration links each
site's owning organisation to the site; each office links the parties of its own records in a
migration of its own (``sportello.api.party_site_backfill``), so the core reads no office table.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

from sportello.parties.services.visibility import party_site_backfill

class Migration(migrations.Migration):
    dependencies = [('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PartySite',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('party', fields.ForeignKeyField('parties.Party', source_field='party_id', db_index=True, db_constraint=True, to_field='id', related_name='site_links', on_delete=OnDelete.CASCADE)),
                ('site', fields.ForeignKeyField('parties.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='party_links', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'parties_party_site', 'app': 'parties', 'unique_together': (('site', 'party'),), 'pk_attr': 'id', 'table_description': 'A party is known at a site: a record of that site links it.'},
            bases=['Model'],
        ),
        party_site_backfill(
            "SELECT organisation_id AS party_id, id AS site_id FROM parties_site"
        ),
    ]
