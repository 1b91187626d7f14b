"""People with an appointment and the staff of a counter are known at its site: links them
(``parties_party_site``), so that users bound to the site keep finding them."""

from tortoise import migrations

from sportello import api


class Migration(migrations.Migration):
    dependencies = [("counter", "0002_display_order_index"), ("parties", "0003_party_sites")]

    initial = False

    operations = [
        api.party_site_backfill(
            "SELECT party_id, site_id FROM counter_appointment "
            "UNION SELECT staff_id AS party_id, site_id FROM counter_counter"
        ),
    ]
