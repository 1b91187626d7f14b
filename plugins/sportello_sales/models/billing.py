"""How parties are invoiced: their billing profiles."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api
from sportello_sales.models.states import PERSON, STANDARD


class BillingProfile(Model):
    """How a party is invoiced: tax ids, address, electronic invoicing channel, tax treatment."""

    id = fields.IntField(primary_key=True)
    party: fields.OneToOneRelation[api.PartyModel] = fields.OneToOneField(
        api.PARTY, related_name="sales_billing", on_delete=fields.CASCADE
    )
    party_id: int
    #: company or person
    kind = fields.CharField(max_length=16, default=PERSON)
    #: The name on the invoice (legal name, or given and family name)
    name = fields.CharField(max_length=200, default="")
    #: VAT number without the country prefix
    vat_id = fields.CharField(max_length=32, default="")
    fiscal_code = fields.CharField(max_length=32, default="")
    street = fields.CharField(max_length=200, default="")
    postcode = fields.CharField(max_length=16, default="")
    city = fields.CharField(max_length=100, default="")
    province = fields.CharField(max_length=8, default="")
    #: ISO 3166-1 alpha-2
    country = fields.CharField(max_length=2, default="")
    #: SDI recipient code (7 characters, 0000000 when by PEC or for people)
    sdi_code = fields.CharField(max_length=7, default="")
    pec = fields.CharField(max_length=200, default="")
    #: standard, reverse_charge or exempt
    tax_treatment = fields.CharField(max_length=16, default=STANDARD)
    #: The tax rate code replacing taxed rates for reverse charge or exempt parties
    exemption_code = fields.CharField(max_length=16, default="")
    #: The party group price lists are chosen by
    party_group = fields.CharField(max_length=32, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sales_billing_profile"
