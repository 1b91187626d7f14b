from __future__ import annotations

import datetime as dt
from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, OrderPayload
from sportello_sales.graphql.mutations.invoice_create import InvoiceLineInput, line_inputs
from sportello_sales.services import orders


@strawberry.input
class QuoteCreateInput:
    party_id: strawberry.ID
    lines: list[InvoiceLineInput]
    currency: str | None = None
    exchange_rate: Decimal | None = None
    prices_include_tax: bool = False
    valid_until: dt.date | None = strawberry.field(
        default=None, description="The last day the offer holds"
    )
    channel: str = ""
    notes: str = ""
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="The site it is made at; it belongs to the site's organisation"
    )
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "The organisation (a party) that issues it, when no site names it: its ledger and"
            " numbering"
        ),
    )


@api.mutation(
    INVOICE, OrderPayload, description="A quote, priced and taxed as its invoice will be."
)
async def quote_create(info: strawberry.Info, input: QuoteCreateInput) -> models.Order:
    return await orders.create_quote(
        info.context.actor,
        api.decode_id(input.party_id, "Party", "partyId"),
        line_inputs(input.lines),
        currency=input.currency,
        prices_include_tax=input.prices_include_tax,
        exchange_rate_value=input.exchange_rate,
        valid_until=input.valid_until,
        channel=input.channel,
        notes=input.notes,
        site_id=api.decode_optional(input.site_id, "Site", "siteId"),
        organisation_id=api.decode_optional(input.organisation_id, "Party", "organisationId"),
    )
