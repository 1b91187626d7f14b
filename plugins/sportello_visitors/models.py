"""Planned and walk-in visits to a site, with badge, check-in and check-out."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Visit statuses (the column's values); which go where is the services' business.
PLANNED = "planned"
CHECKED_IN = "checked_in"
CHECKED_OUT = "checked_out"
CANCELLED = "cancelled"


class Visit(Model):
    """A visitor expected by a host employee: the visitor log row kept for the retention period."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="visitor_visits", on_delete=fields.RESTRICT
    )
    site_id: int
    host: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="hosted_visits", on_delete=fields.RESTRICT
    )
    host_id: int
    visitor: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name="visits", null=True, on_delete=fields.SET_NULL
    )
    visitor_id: int | None
    visitor_name = fields.CharField(max_length=200)
    company = fields.CharField(max_length=200, default="")
    purpose = fields.CharField(max_length=300, default="")
    expected_at = fields.DatetimeField(db_index=True)
    status = fields.CharField(max_length=16, default=PLANNED, db_index=True)
    badge_number = fields.CharField(max_length=32, null=True)
    checked_in_at = fields.DatetimeField(null=True)
    checked_out_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "visitors_visit"
        ordering = ["expected_at", "id"]
