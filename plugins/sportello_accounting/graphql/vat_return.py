"""The figures of a country's periodic VAT return (Italy LIPE, Spain 303, Greece Φ2)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import strawberry

from sportello import api
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.reports import From
from sportello_accounting.graphql.types import VIEW
from sportello_accounting.services import vat_returns
from sportello_accounting.services._common import from_cents, has_cents_only, to_cents


@strawberry.enum(description="The countries whose periodic VAT return the ledger fills.")
class VatCountry(enum.Enum):
    IT = "it"
    ES = "es"
    GR = "gr"


@strawberry.type(description="A box of the return: its code on the form, its label, the amount.")
class VatReturnBox:
    code: str = strawberry.field(description="VP2, 27, 337 ... (a rate box holds the percent)")
    label: str = strawberry.field(description="As printed on the country's form")
    amount: Decimal


@strawberry.type(description="A periodic VAT return's figures, computed from the VAT registers.")
class VatReturn:
    country: VatCountry
    start: dt.date
    end: dt.date
    boxes: list[VatReturnBox]
    result: Decimal = strawberry.field(description="Positive: to pay; negative: a credit")


@strawberry.input(description="What the ledger cannot know: amounts from outside the period.")
class VatCarriedInput:
    previous_credit: Decimal = strawberry.field(
        default=Decimal(0), description="Credit of the previous period (VP8, casilla 110, 401)"
    )
    previous_debt: Decimal = strawberry.field(
        default=Decimal(0), description="A debt below the minimum payment, carried (VP7, 483)"
    )
    year_credit: Decimal = strawberry.field(
        default=Decimal(0), description="Italy VP9: last year's credit used now"
    )
    tax_credits: Decimal = strawberry.field(default=Decimal(0), description="Italy VP11")
    advance: Decimal = strawberry.field(
        default=Decimal(0), description="Italy VP13: the payment on account"
    )
    quarterly: bool = strawberry.field(
        default=False, description="Italy VP12: a quarterly filer pays 1 % interest"
    )


def _cents(value: Decimal, field: str) -> int:
    if not value.is_finite() or value < 0 or value >= Decimal("1e12") or not has_cents_only(value):
        raise api.ServiceError("INVALID", "accounting.amount", field)
    return to_cents(value)


@strawberry.type
class VatReturnQueries:
    @api.query(
        VIEW,
        description=(
            "The figures of the periodic VAT return of a period (docs/accounting.md lists the"
            " boxes); credits and payments from outside the period come in `carried`."
        ),
    )
    async def vat_return(
        self,
        info: strawberry.Info,
        country: VatCountry,
        from_: From,
        to: dt.date,
        carried: VatCarriedInput | None = None,
        organisation_id: OrganisationArg = None,
    ) -> VatReturn:
        org = await organisation(info, organisation_id)
        c = carried or VatCarriedInput()
        carried_cents = vat_returns.Carried(
            previous_debt=_cents(c.previous_debt, "carried.previousDebt"),
            previous_credit=_cents(c.previous_credit, "carried.previousCredit"),
            year_credit=_cents(c.year_credit, "carried.yearCredit"),
            tax_credits=_cents(c.tax_credits, "carried.taxCredits"),
            advance=_cents(c.advance, "carried.advance"),
            quarterly=c.quarterly,
        )
        got = await vat_returns.vat_return(org, country.value, from_, to, carried_cents)
        return VatReturn(
            country=country,
            start=from_,
            end=to,
            boxes=[
                VatReturnBox(code=b.code, label=b.label, amount=from_cents(b.amount))
                for b in got.boxes
            ],
            result=from_cents(got.result),
        )
