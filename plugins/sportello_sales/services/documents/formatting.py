"""Amounts, rates, quantities and dates written the way a reader of a language expects (babel)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent


def locale_of(language: str) -> Locale:
    """The babel locale of a language tag (``it``, ``it_IT``, ``it-IT``); English if unknown."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def money(amount: Decimal, currency: str, language: str) -> str:
    """``1.234,56 €`` in Italian, ``€1,234.56`` in English: the currency's own decimals."""
    return format_currency(amount, currency.upper(), locale=locale_of(language))


def rate(percent: Decimal, language: str) -> str:
    """A tax rate given in percent (``Decimal("5.50")``): ``5,5%`` in Italian, ``10%`` in English."""
    return format_percent(percent / 100, locale=locale_of(language), decimal_quantization=False)


def quantity(value: Decimal, language: str) -> str:
    """A quantity without trailing zeros: ``1,5`` in Italian, ``1.5`` in English."""
    return format_decimal(value.normalize(), locale=locale_of(language), decimal_quantization=False)


def day(value: date, language: str) -> str:
    """A date spelled out: ``14 marzo 2027``, ``March 14, 2027``, ``14 Μαρτίου 2027``."""
    return format_date(value, format="long", locale=locale_of(language))
