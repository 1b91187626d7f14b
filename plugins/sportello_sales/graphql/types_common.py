"""What sales' GraphQL types share: the payment method scalar, the enums, amounts in a
currency's decimals, the settings clients read and the error type."""

from __future__ import annotations

import enum
import functools
import warnings
from decimal import ROUND_HALF_UP, Decimal
from typing import NewType

import strawberry

from sportello import api
from sportello_sales import models
from sportello_sales.services import _common
from sportello_sales.services.taxes.compute import currency_decimals, unit_of

# A scalar of an office cannot go through StrawberryConfig.scalar_map (the core builds the
# config): the class form is the one left, and its deprecation warning is silenced here.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    PaymentMethod = strawberry.scalar(
        NewType("PaymentMethod", str),
        description=(
            "A payment method code: cash, card, bank_transfer, cheque, direct_debit, voucher,"
            " or one added by the installation's settings (query paymentMethods). A code, not"
            " an enum, so that one schema serves every configuration."
        ),
    )


@strawberry.enum
class InvoiceStatus(enum.Enum):
    DRAFT = models.DRAFT
    ISSUED = models.ISSUED
    CANCELLED = models.CANCELLED


@strawberry.enum
class InvoiceKind(enum.Enum):
    INVOICE = models.INVOICE
    CREDIT_NOTE = models.CREDIT_NOTE


@strawberry.enum
class PaymentStatus(enum.Enum):
    NONE = "none"
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"


@strawberry.enum
class ProductKind(enum.Enum):
    PRODUCT = "product"
    SERVICE = "service"


@strawberry.enum
class TaxTreatment(enum.Enum):
    STANDARD = models.STANDARD
    REVERSE_CHARGE = models.REVERSE_CHARGE
    EXEMPT = models.EXEMPT


@strawberry.enum
class BillingKind(enum.Enum):
    COMPANY = models.COMPANY
    PERSON = models.PERSON


@functools.lru_cache(maxsize=64)
def _unit(currency: str) -> Decimal:
    return unit_of(currency_decimals(currency))


def _money(value: Decimal, currency: str) -> Decimal:
    """An amount rounded to its currency's decimals, half up (``taxes.compute.round_to``); the
    currency's unit is looked up once (lists round several amounts per row)."""
    return Decimal(value).quantize(_unit(currency), rounding=ROUND_HALF_UP)


@strawberry.type(description="A payment method with its label in the caller's language.")
class PaymentMethodInfo:
    code: PaymentMethod  # type: ignore[valid-type]  # a strawberry scalar made with NewType
    label: str


@strawberry.type(description="The office's settings clients need: currency, country, methods.")
class SalesSettingsInfo:
    country: str
    company_currency: str
    rounding: str
    invoice_series: str
    credit_note_series: str


def settings_info() -> SalesSettingsInfo:
    s = _common.settings()
    return SalesSettingsInfo(
        country=s.country,
        company_currency=s.company_currency,
        rounding=s.rounding,
        invoice_series=s.invoice_series,
        credit_note_series=s.credit_note_series,
    )


SalesError = api.office_errors(
    "Sales",
    "CODE_TAKEN",
    "INVALID_STATUS",
    "INVALID_CURRENCY",
    "INVALID_PAYMENT_METHOD",
    "PRICE_MISSING",
    "OVERPAYMENT",
    "CREDIT_EXCEEDS_INVOICE",
    "QUOTE_EXPIRED",
    "SESSION_ALREADY_OPEN",
    "REFUND_EXCEEDS_PAYMENT",
    "ALREADY_REFUNDED",
    "NOT_AN_ORGANISATION",
)
