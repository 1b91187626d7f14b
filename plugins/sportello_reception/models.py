from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api


class FrontDesk(Model):
    """A front desk or station at a site: a hotel reception, a counter hall, a company lobby."""

    id = fields.IntField(primary_key=True)
    site: fields.ForeignKeyRelation[api.SiteModel] = fields.ForeignKeyField(
        api.SITE, related_name="front_desks", on_delete=fields.RESTRICT
    )
    site_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    kind = fields.CharField(max_length=32, default="reception")
    active = fields.BooleanField(default=True)

    class Meta:
        table = "reception_front_desk"
        unique_together = (("site", "code"),)
        ordering = ["site_id", "code"]
