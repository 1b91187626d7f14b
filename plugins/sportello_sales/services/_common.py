"""What every sales service shares: the office settings, the clock, currencies, methods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel.numbers import is_currency

from sportello import api
from sportello_sales.services.taxes.compute import Rounding, currency_decimals, round_to
from sportello_sales.settings import SalesSettings

#: The payment methods every installation has (the settings add more).
PAYMENT_METHODS = ("cash", "card", "bank_transfer", "cheque", "direct_debit", "voucher")

_settings = SalesSettings()


def configure(settings: SalesSettings | None) -> None:
    global _settings
    _settings = settings if settings is not None else SalesSettings()


def settings() -> SalesSettings:
    return _settings


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """The date in the office's time zone: the issue date and so the fiscal year."""
    return now().astimezone(ZoneInfo(_settings.timezone)).date()


def payment_methods() -> tuple[str, ...]:
    extra = tuple(m for m in _settings.payment_methods if m not in PAYMENT_METHODS)
    return PAYMENT_METHODS + extra


def check_payment_method(method: str, field: str = "method") -> str:
    if method not in payment_methods():
        raise api.ServiceError(
            "INVALID_PAYMENT_METHOD",
            "sales.invalid_payment_method",
            field,
            methods=", ".join(payment_methods()),
        )
    return method


def check_currency(code: str | None, field: str = "currency") -> str:
    """An ISO 4217 code (upper case); the company currency when none is given."""
    if code is None or not code.strip():
        return _settings.company_currency
    code = code.strip().upper()
    if len(code) != 3 or not is_currency(code):
        raise api.ServiceError("INVALID_CURRENCY", "sales.invalid_currency", field, value=code)
    return code


def rounding_of(currency: str) -> Rounding:
    return _settings.rounding_by_currency.get(currency, _settings.rounding)


def money(value: Decimal, currency: str) -> Decimal:
    return round_to(value, currency_decimals(currency))


def check_amount(
    value: Decimal, field: str, *, positive: bool = False, minimum: Decimal | None = None
) -> Decimal:
    try:
        ok = value.is_finite()
    except (InvalidOperation, AttributeError):
        ok = False
    if not ok or (positive and value <= 0) or (minimum is not None and value < minimum):
        raise api.ServiceError("INVALID", "sales.invalid_amount", field)
    return value
