from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

PERSON = "person"
ORGANISATION = "organisation"

#: ContactPoint.channel values
EMAIL = "email"
PHONE = "phone"


class Party(Model):
    """A person or an organisation: every office sees parties in its own way."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=16, default=PERSON)
    display_name = fields.CharField(max_length=200, db_index=True)
    given_name = fields.CharField(max_length=100, default="")
    family_name = fields.CharField(max_length=100, default="")
    #: The registered name of an organisation (null for people)
    legal_name = fields.CharField(max_length=200, null=True)
    # The primary email and phone: copies of the primary contact points (services keep them).
    email = fields.CharField(max_length=254, null=True, db_index=True)
    phone = fields.CharField(max_length=40, null=True)
    # Legacy untyped JSON, superseded by parties_address and parties_consent (emptied by
    # migration 0002, kept so that old raw writers still work).
    addresses: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    tax_code = fields.CharField(max_length=40, null=True)
    preferred_language = fields.CharField(max_length=8, default="en")
    consents: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    anonymised_at = fields.DatetimeField(null=True)
    # A merged party stays as a tombstone, so that ids held elsewhere (links, mail threads,
    # webhooks, the audit trail) still lead to the right person.
    #: The party this one was merged into (null: not merged)
    merged_into: fields.ForeignKeyNullableRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    merged_into_id: int | None
    merged_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "parties_party"
        ordering = ["display_name", "id"]
        indexes = [Index(fields=["tax_code"])]


class ContactPoint(Model):
    """An email address or a phone number of a party, at most one primary per channel."""

    id = fields.IntField(primary_key=True)
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="contact_points", on_delete=fields.CASCADE, db_index=True
    )
    #: email or phone
    channel = fields.CharField(max_length=8)
    #: work, home, mobile or other
    kind = fields.CharField(max_length=16, default="other")
    #: A lower-cased email address or a phone number in E.164 form (+393331234567)
    value = fields.CharField(max_length=254, db_index=True)
    is_primary = fields.BooleanField(default=False)
    #: Order within the party's list for this channel
    position = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "parties_contact_point"
        ordering = ["party_id", "channel", "position", "id"]


class Address(Model):
    """A postal address of a party, at most one primary."""

    id = fields.IntField(primary_key=True)
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="postal_addresses", on_delete=fields.CASCADE, db_index=True
    )
    #: home, work, billing, delivery, registered or other
    kind = fields.CharField(max_length=16, default="other")
    line1 = fields.CharField(max_length=200)
    line2 = fields.CharField(max_length=200, default="")
    postcode = fields.CharField(max_length=20, default="")
    city = fields.CharField(max_length=100, default="")
    region = fields.CharField(max_length=100, default="")
    #: ISO 3166-1 alpha-2 code, or null when unknown
    country = fields.CharField(max_length=2, null=True)
    is_primary = fields.BooleanField(default=False)
    position = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "parties_address"
        ordering = ["party_id", "position", "id"]


class Consent(Model):
    """One consent given or withdrawn: an append-only history, the latest per purpose counts."""

    id = fields.IntField(primary_key=True)
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="consent_history", on_delete=fields.CASCADE, db_index=True
    )
    #: What the consent is for (marketing, newsletter, profiling...)
    purpose = fields.CharField(max_length=64)
    granted = fields.BooleanField()
    at = fields.DatetimeField()
    #: How it was collected (front desk, web form, signed paper...)
    source = fields.CharField(max_length=200, default="")

    class Meta:
        table = "parties_consent"
        ordering = ["party_id", "at", "id"]


class Site(Model):
    """A place where the organisation meets people: a hotel, a branch, a municipal office."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=32, default="office")
    organisation: fields.ForeignKeyNullableRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="sites", null=True, on_delete=fields.RESTRICT
    )
    organisation_id: int | None
    address = fields.CharField(max_length=300, default="")
    timezone = fields.CharField(max_length=64, default="Europe/Rome")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "parties_site"
        ordering = ["name", "id"]


class PartySite(Model):
    """A party is known at a site: a record of that site links it.

    A stay, a ticket or a visit at the site, or a user bound to the site who registered the
    party. Site-bound users see only the parties linked to their sites; offices add links
    through ``sportello.api.link_party_to_site``."""

    id = fields.IntField(primary_key=True)
    party: fields.ForeignKeyRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="site_links", on_delete=fields.CASCADE, db_index=True
    )
    party_id: int
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "parties.Site", related_name="party_links", on_delete=fields.CASCADE
    )
    site_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "parties_party_site"
        unique_together = (("site", "party"),)
        ordering = ["party_id", "site_id"]
