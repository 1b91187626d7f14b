"""Catalogue: tax rates, products and price lists."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class TaxRate(Model):
    """A VAT rate, or an exempt or out-of-scope nature with a zero rate (FatturaPA natures)."""

    id = fields.IntField(primary_key=True)
    #: Unique code, e.g. IT22, IT10, N2.2, OUT
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=200)
    #: Percent, e.g. 22.00
    rate = fields.DecimalField(max_digits=5, decimal_places=2, default=0)
    #: FatturaPA nature (N1 to N7, N2.2, N3.1 and so on) for a zero rate, null for taxed rates
    nature = fields.CharField(max_length=8, null=True)
    #: ISO 3166 country the rate belongs to
    country = fields.CharField(max_length=2, default="")
    #: A legal reference printed on the invoice (the article of law for an exemption)
    legal_reference = fields.CharField(max_length=200, default="")
    active = fields.BooleanField(default=True)

    class Meta:
        table = "sales_tax_rate"
        ordering = ["code"]


class Product(Model):
    """A product or a service of the catalogue, found by its charge code."""

    id = fields.IntField(primary_key=True)
    #: Used by other offices to charge it: ROOM_NIGHT, MINIBAR, CITY_TAX
    charge_code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    #: product or service
    kind = fields.CharField(max_length=16, default="service")
    #: The unit of measure: night, piece, hour, person
    unit = fields.CharField(max_length=16, default="piece")
    #: The account-relevant category: rooms, food_beverage, taxes, fees
    category = fields.CharField(max_length=32, default="")
    tax_rate: fields.ForeignKeyRelation[TaxRate] = fields.ForeignKeyField(
        "sales.TaxRate", related_name="products", on_delete=fields.RESTRICT
    )
    tax_rate_id: int
    #: The list price in the company currency
    price = fields.DecimalField(max_digits=14, decimal_places=4, default=0)
    #: Whether price includes the tax
    price_includes_tax = fields.BooleanField(default=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sales_product"
        ordering = ["name", "id"]


class PriceList(Model):
    """Prices for a channel, a party group and a currency, valid between two dates."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    currency = fields.CharField(max_length=3)
    #: The sales channel (web, desk, ota), empty for every channel
    channel = fields.CharField(max_length=32, default="")
    #: The party group (corporate, agency), empty for every party
    party_group = fields.CharField(max_length=32, default="")
    valid_from = fields.DateField(null=True)
    valid_to = fields.DateField(null=True)
    prices_include_tax = fields.BooleanField(default=True)
    #: Higher wins when several lists match
    priority = fields.IntField(default=0)
    active = fields.BooleanField(default=True)

    class Meta:
        table = "sales_price_list"
        ordering = ["name", "id"]


class PriceListItem(Model):
    """The price of one product in one price list."""

    id = fields.IntField(primary_key=True)
    price_list: fields.ForeignKeyRelation[PriceList] = fields.ForeignKeyField(
        "sales.PriceList", related_name="items", on_delete=fields.CASCADE
    )
    price_list_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "sales.Product", related_name="price_items", on_delete=fields.CASCADE
    )
    product_id: int
    price = fields.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        table = "sales_price_list_item"
        unique_together = (("price_list", "product"),)
