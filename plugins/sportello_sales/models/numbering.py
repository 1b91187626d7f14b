"""Numbering series of documents and their gapless counters."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello_sales.models.states import INVOICE


class Series(Model):
    """A numbering series of documents (FT for invoices, NC for credit notes)."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=8, unique=True)
    #: invoice or credit_note
    kind = fields.CharField(max_length=16, default=INVOICE)
    name = fields.CharField(max_length=100, default="")

    class Meta:
        table = "sales_series"


class SeriesCounter(Model):
    """The last number issued in a series for an organisation and a fiscal year (one row per
    series, organisation and year): each organisation numbers its documents on its own."""

    id = fields.IntField(primary_key=True)
    series: fields.ForeignKeyRelation[Series] = fields.ForeignKeyField(
        "sales.Series", related_name="counters", on_delete=fields.RESTRICT
    )
    series_id: int
    #: The issuing organisation's party id; 0 for documents of no organisation
    organisation_key = fields.IntField(default=0)
    year = fields.IntField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "sales_series_counter"
        unique_together = (("series", "organisation_key", "year"),)
