from __future__ import annotations

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import MANAGE, BillingProfilePayload
from sportello_sales.graphql.types import BillingKind, TaxTreatment
from sportello_sales.services import billing


@strawberry.input(description="A party's billing data; a field left null keeps its value.")
class BillingProfileSetInput:
    party_id: strawberry.ID
    kind: BillingKind | None = None
    name: str | None = None
    vat_id: str | None = None
    fiscal_code: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    province: str | None = None
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2")
    sdi_code: str | None = strawberry.field(default=None, description="SDI recipient code")
    pec: str | None = None
    tax_treatment: TaxTreatment | None = None
    exemption_code: str | None = strawberry.field(
        default=None,
        description="The zero rate's code for reverse charge or exempt (default: the preset's)",
    )
    party_group: str | None = None


@api.mutation(MANAGE, BillingProfilePayload, description="Create or change a party's billing data.")
async def billing_profile_set(
    info: strawberry.Info, input: BillingProfileSetInput
) -> models.BillingProfile:
    return await billing.set_profile(
        info.context.actor,
        api.decode_id(input.party_id, "Party", "partyId"),
        kind=input.kind.value if input.kind else None,
        name=input.name,
        vat_id=input.vat_id,
        fiscal_code=input.fiscal_code,
        street=input.street,
        postcode=input.postcode,
        city=input.city,
        province=input.province,
        country=input.country,
        sdi_code=input.sdi_code,
        pec=input.pec,
        tax_treatment=input.tax_treatment.value if input.tax_treatment else None,
        exemption_code=input.exemption_code,
        party_group=input.party_group,
    )
