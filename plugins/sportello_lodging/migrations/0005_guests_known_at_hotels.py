"""Guests are known at the hotels they stayed at: links each reservation's guest and each
registered guest to the reservation's site (``parties_party_site``), so that users bound to a
hotel keep finding the guests of their own hotel and no other."""

from tortoise import migrations

from sportello import api


class Migration(migrations.Migration):
    dependencies = [("lodging", "0004_list_order_indexes"), ("parties", "0003_party_sites")]

    initial = False

    operations = [
        api.party_site_backfill(
            "SELECT guest_id AS party_id, site_id FROM lodging_reservation "
            "UNION SELECT g.party_id AS party_id, r.site_id AS site_id "
            "FROM lodging_guest_registration g "
            "JOIN lodging_reservation r ON r.id = g.reservation_id"
        ),
    ]
