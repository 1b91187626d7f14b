"""Billing profiles, and the field they add to a party (loaded per page)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types_common import (
    BillingKind,
    TaxTreatment,
)


@strawberry.type(description="How a party is invoiced (the buyer's data on its invoices).")
class BillingProfile(api.ModelNode):
    __model__ = models.BillingProfile
    __permission__ = "sales.view"

    id: relay.NodeID[int]
    kind: BillingKind
    name: str
    vat_id: str
    fiscal_code: str
    street: str
    postcode: str
    city: str
    province: str
    country: str
    sdi_code: str
    pec: str
    tax_treatment: TaxTreatment
    exemption_code: str
    party_group: str


async def load_billing_profiles(parties: list[Any]) -> None:
    """The billing profiles of a page of parties, in one query."""
    ids = [p.id for p in parties]
    found = {b.party_id: b for b in await models.BillingProfile.filter(party_id__in=ids)}
    for party in parties:
        party.__dict__["sales_billing_profile"] = found.get(party.id)


async def _billing_profile_of(root: Any) -> models.BillingProfile | None:
    await load_billing_profiles([root])
    found: models.BillingProfile | None = root.__dict__["sales_billing_profile"]
    return found


def _billing_profile(root: Any) -> Any:
    if "sales_billing_profile" not in root.__dict__:
        return _billing_profile_of(root)
    return root.__dict__["sales_billing_profile"]


@strawberry.type
class PartySalesFields:
    __needs__ = {"billing_profile": api.needs(batch=load_billing_profiles)}

    billing_profile = strawberry.field(
        resolver=_billing_profile,
        graphql_type=BillingProfile | None,
        permission_classes=[api.requires("sales.view")],
        description="How the party is invoiced (sales), if set.",
    )
