"""The ``[modules.sales]`` settings table."""

from __future__ import annotations

from typing import Literal

from babel.numbers import is_currency
from pydantic import BaseModel, Field, field_validator

Rounding = Literal["line", "total"]


class Seller(BaseModel):
    """The company issuing the documents, as printed on them and in the FatturaPA header."""

    name: str = "Sportello Demo S.r.l."
    vat_id: str = ""
    fiscal_code: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    province: str = ""
    country: str = Field(default="IT", min_length=2, max_length=2)
    #: The tax regime (FatturaPA RegimeFiscale): RF01 ordinary
    tax_regime: str = "RF01"
    email: str = ""
    pec: str = ""
    phone: str = ""


class SalesSettings(BaseModel):
    #: The tax preset installed at startup: IT, ES or GR (rates and natures of that country).
    country: Literal["IT", "ES", "GR"] = "IT"
    #: The company currency (ISO 4217): the books are kept in it.
    company_currency: str = "EUR"
    #: How tax is rounded when no per-currency rule is given: per line, or per total of a rate.
    rounding: Rounding = "total"
    #: Per currency rounding rules, e.g. {"EUR" = "total", "JPY" = "line"}.
    rounding_by_currency: dict[str, Rounding] = Field(default_factory=dict)
    #: The series of invoices and of credit notes.
    invoice_series: str = Field(default="FT", min_length=1, max_length=8)
    credit_note_series: str = Field(default="NC", min_length=1, max_length=8)
    #: The series of counter sales (receipts to walk-in customers or known parties).
    counter_series: str = Field(default="RC", min_length=1, max_length=8)
    #: The party a counter sale to an unnamed customer is made out to.
    walk_in_party_name: str = "Walk-in customer"
    #: Days from issue to the due date.
    payment_terms_days: int = Field(default=30, ge=0, le=365)
    #: Payment method codes added to the built-in ones (cash, card, bank_transfer, ...).
    payment_methods: list[str] = Field(default_factory=list)
    #: The time zone of the issue date (and so of the fiscal year).
    timezone: str = "Europe/Rome"
    seller: Seller = Field(default_factory=Seller)
    #: Days past the due date at which payment reminders go out (levels 1, 2, 3 ...).
    reminder_days: list[int] = Field(default_factory=lambda: [1, 15, 30])
    #: The key signing the links to invoices' PDFs (Invoice.pdfUrl). Empty: a random key per
    #: process, so set it when several processes serve the API.
    link_secret: str = ""
    #: How long a signed PDF link stays valid, in seconds.
    link_seconds: int = Field(default=900, ge=10, le=86400)

    @field_validator("company_currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if not is_currency(value):
            raise ValueError(f"{value!r} is not an ISO 4217 currency code")
        return value

    @field_validator("rounding_by_currency")
    @classmethod
    def _currencies(cls, value: dict[str, Rounding]) -> dict[str, Rounding]:
        for code in value:
            if not is_currency(code):
                raise ValueError(f"{code!r} is not an ISO 4217 currency code")
        return value

    @field_validator("payment_methods")
    @classmethod
    def _methods(cls, value: list[str]) -> list[str]:
        for code in value:
            if not code.replace("_", "").isalnum() or not code.islower() or len(code) > 32:
                raise ValueError(f"payment method {code!r}: lower-case letters, digits and _")
        return value
