"""The guest registry gets what the Italian police file (Alloggiati Web) needs: the surname, sex, country
and place of birth, the comune that issued an Italian document, and the family or group a
guest belongs to (a role and the entry of its head). Existing entries are single guests with
these fields empty; the daily export names what is missing."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("lodging", "0010_reservation_search")]

    initial = False

    operations = [
        ops.AddField(
            model_name="GuestRegistration",
            name="surname",
            field=fields.CharField(
                max_length=100,
                default="",
                db_default="",
                description="The surname as on the document, part of full_name (empty: its last word)",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="sex",
            field=fields.CharField(
                max_length=1,
                default="",
                db_default="",
                description="M or F as on the document (empty: not recorded)",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="birth_country",
            field=fields.CharField(
                max_length=2,
                default="",
                db_default="",
                description="ISO 3166 alpha-2 code of the country of birth (empty: not recorded)",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="birth_place",
            field=fields.CharField(
                max_length=9,
                default="",
                db_default="",
                description="Born in Italy: the comune's code in the Polizia di Stato table (9 digits)",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="birth_province",
            field=fields.CharField(
                max_length=2,
                default="",
                db_default="",
                description="Born in Italy: the province's two-letter code",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="issuing_place",
            field=fields.CharField(
                max_length=9,
                default="",
                db_default="",
                description=(
                    "A document issued in Italy: the issuing comune's code in the Polizia di "
                    "Stato table"
                ),
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="role",
            field=fields.CharField(
                max_length=16,
                default="single",
                db_default="single",
                description="single, head_of_family, group_leader, family_member or group_member",
            ),
        ),
        ops.AddField(
            model_name="GuestRegistration",
            name="head_id",
            field=fields.IntField(
                null=True,
                description=(
                    "A family member or group member: the registry entry of the head it travels "
                    "with"
                ),
            ),
        ),
    ]
