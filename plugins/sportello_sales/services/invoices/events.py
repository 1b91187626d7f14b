"""The events sales publishes, with what an accounting office needs to post them.

Amounts are strings of the document currency's decimals (JSON keeps Decimal exact that way);
``exchange_rate`` converts them to ``company_currency`` (company amount = amount x rate).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from sportello_sales import models as m
from sportello_sales.services.taxes.compute import currency_decimals, round_to

INVOICE_ISSUED = "sales.invoice.issued"
CREDIT_NOTE_ISSUED = "sales.credit_note.issued"
PAYMENT_REGISTERED = "sales.payment.registered"


class TaxAmount(BaseModel):
    tax_code: str = Field(description="The tax rate's code (IT22, N1)")
    rate: Decimal = Field(description="Percent")
    nature: str | None = Field(description="The exempt or out-of-scope nature, null if taxed")
    taxable: Decimal = Field(description="The taxable amount (the lines' nets)")
    tax: Decimal = Field(description="The tax")


class CategoryAmount(BaseModel):
    charge_code: str = Field(description="The product's charge code (empty: a free line)")
    category: str = Field(description="The product's category (rooms, food_beverage)")
    tax_code: str = Field(description="The tax rate applied")
    net: Decimal = Field(description="The sum of the lines' nets")
    tax: Decimal = Field(description="The sum of the lines' taxes")


class DocumentIssued(BaseModel):
    """Payload of sales.invoice.issued and sales.credit_note.issued."""

    invoice_id: int
    kind: str = Field(description="invoice or credit_note")
    number: str = Field(description="The gapless number, e.g. 2027/FT/000123")
    series: str
    year: int
    issue_date: dt.date
    due_date: dt.date | None
    party_id: int
    currency: str
    exchange_rate: Decimal
    company_currency: str
    net_total: Decimal
    tax_total: Decimal
    total: Decimal
    taxes: list[TaxAmount] = Field(description="Amounts per tax rate or nature")
    categories: list[CategoryAmount] = Field(
        description="Amounts per charge code, category and tax rate (for the revenue accounts)"
    )
    corrects_invoice_id: int | None = Field(default=None, description="Credit notes only")
    corrects_number: str | None = Field(default=None, description="Credit notes only")
    site_id: int | None = Field(
        default=None, description="The site it was made at (null: the whole installation)"
    )
    organisation_id: int | None = Field(
        default=None,
        description="The issuing organisation's party id: its ledger (null: the only ledger)",
    )


class PaymentRegistered(BaseModel):
    """Payload of sales.payment.registered."""

    payment_id: int
    invoice_id: int
    invoice_number: str
    party_id: int
    amount: Decimal
    currency: str
    exchange_rate: Decimal = Field(description="The invoice's rate to the company currency")
    company_currency: str
    method: str
    paid_on: dt.date
    balance: Decimal = Field(description="What is left to pay on the invoice after this")
    site_id: int | None = Field(default=None, description="The invoice's site")
    organisation_id: int | None = Field(
        default=None, description="The invoice's organisation: the ledger it settles in"
    )


def money(value: Decimal, currency: str) -> Decimal:
    return round_to(Decimal(value), currency_decimals(currency))


def categories(lines: list[m.InvoiceLine], currency: str) -> list[CategoryAmount]:
    sums: dict[tuple[str, str, str], list[Decimal]] = {}
    for line in lines:
        key = (line.charge_code, line.category, line.tax_code)
        acc = sums.setdefault(key, [Decimal(0), Decimal(0)])
        acc[0] += line.net
        acc[1] += line.tax
    return [
        CategoryAmount(
            charge_code=c,
            category=cat,
            tax_code=t,
            net=money(n, currency),
            tax=money(x, currency),
        )
        for (c, cat, t), (n, x) in sorted(sums.items())
    ]


def tax_amounts(taxes: list[m.InvoiceTax], currency: str) -> list[TaxAmount]:
    return [
        TaxAmount(
            tax_code=t.tax_code,
            rate=t.rate,
            nature=t.nature,
            taxable=money(t.taxable, currency),
            tax=money(t.tax, currency),
        )
        for t in taxes
    ]
