"""Hosts and visitors are known at the sites of their visits: links them
(``parties_party_site``), so that users bound to the site keep finding them."""

from tortoise import migrations

from sportello import api


class Migration(migrations.Migration):
    dependencies = [("visitors", "0002_badge_in_use"), ("parties", "0003_party_sites")]

    initial = False

    operations = [
        api.party_site_backfill(
            "SELECT host_id AS party_id, site_id FROM visitors_visit "
            "UNION SELECT visitor_id AS party_id, site_id FROM visitors_visit"
        ),
    ]
