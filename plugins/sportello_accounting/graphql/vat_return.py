"""The figures of a country's periodic VAT return (Italy LIPE, Spain 303, Greece Φ2)."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import strawberry

from sportello import api
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
            " boxes); credits and payments from outside the period are arguments."
        ),
    )
    async def vat_return(
        self,
        country: VatCountry,
        from_: From,
        to: dt.date,
        previous_credit: Decimal = Decimal(0),
        previous_debt: Decimal = Decimal(0),
        year_credit: Decimal = Decimal(0),
        tax_credits: Decimal = Decimal(0),
        advance: Decimal = Decimal(0),
        quarterly: bool = False,
    ) -> VatReturn:
        carried = vat_returns.Carried(
            previous_debt=_cents(previous_debt, "previousDebt"),
            previous_credit=_cents(previous_credit, "previousCredit"),
            year_credit=_cents(year_credit, "yearCredit"),
            tax_credits=_cents(tax_credits, "taxCredits"),
            advance=_cents(advance, "advance"),
            quarterly=quarterly,
        )
        got = await vat_returns.vat_return(country.value, from_, to, carried)
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
