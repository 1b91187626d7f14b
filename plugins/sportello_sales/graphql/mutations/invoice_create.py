from __future__ import annotations

from decimal import Decimal

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.mutations._common import INVOICE, InvoicePayload
from sportello_sales.services.invoices import drafts
from sportello_sales.services.invoices.lines import LineInput


@strawberry.input(
    description=(
        "A line: a product (productId or chargeCode) with the catalogue's price and tax, or"
        " a free line with description, unitPrice and taxCode. What is given wins."
    )
)
class InvoiceLineInput:
    product_id: strawberry.ID | None = None
    charge_code: str | None = None
    description: str | None = None
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = strawberry.field(
        default=None, description="In the document's basis (tax included or not)"
    )
    discount_percent: Decimal = Decimal(0)
    tax_code: str | None = strawberry.field(default=None, description="A tax rate's code")


@strawberry.input
class InvoiceCreateInput:
    party_id: strawberry.ID
    lines: list[InvoiceLineInput]
    currency: str | None = strawberry.field(
        default=None, description="ISO 4217 (default: the company currency)"
    )
    exchange_rate: Decimal | None = strawberry.field(
        default=None,
        description="Company currency units per unit of the currency (required if foreign)",
    )
    prices_include_tax: bool = False
    series_code: str | None = strawberry.field(
        default=None, description="Default: the settings' invoice series"
    )
    channel: str = strawberry.field(default="", description="Chooses the price list")
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


def line_inputs(lines: list[InvoiceLineInput]) -> list[LineInput]:
    return [
        LineInput(
            description=line.description,
            product_id=api.decode_optional(line.product_id, "Product", f"lines.{i}.productId"),
            charge_code=line.charge_code,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            tax_code=line.tax_code,
        )
        for i, line in enumerate(lines)
    ]


@api.mutation(INVOICE, InvoicePayload, description="A draft invoice, with its totals computed.")
async def invoice_create(info: strawberry.Info, input: InvoiceCreateInput) -> models.Invoice:
    return await drafts.create(
        info.context.actor,
        api.decode_id(input.party_id, "Party", "partyId"),
        line_inputs(input.lines),
        currency=input.currency,
        prices_include_tax=input.prices_include_tax,
        exchange_rate_value=input.exchange_rate,
        series_code=input.series_code,
        channel=input.channel,
        notes=input.notes,
        site_id=api.decode_optional(input.site_id, "Site", "siteId"),
        organisation_id=api.decode_optional(input.organisation_id, "Party", "organisationId"),
    )
