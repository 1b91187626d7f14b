from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

PERSON = "person"
ORGANISATION = "organisation"


class Party(Model):
    """A person or an organisation: every office sees parties in its own way."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16, default=PERSON)
    display_name = fields.CharField(max_length=200, db_index=True)
    given_name = fields.CharField(max_length=100, default="")
    family_name = fields.CharField(max_length=100, default="")
    email = fields.CharField(max_length=254, null=True, db_index=True)
    phone = fields.CharField(max_length=40, null=True)
    addresses = fields.JSONField(default=list)
    tax_code = fields.CharField(max_length=40, null=True)
    preferred_language = fields.CharField(max_length=8, default="en")
    consents = fields.JSONField(default=dict)
    anonymised_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "parties_party"
        ordering = ["display_name", "id"]


class Site(Model):
    """A place where the organisation meets people: a hotel, a branch, a municipal office."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=32, default="office")
    organisation: fields.ForeignKeyNullableRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="sites", null=True, on_delete=fields.RESTRICT
    )
    address = fields.CharField(max_length=300, default="")
    timezone = fields.CharField(max_length=64, default="Europe/Rome")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "parties_site"
        ordering = ["name", "id"]
