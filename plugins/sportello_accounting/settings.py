"""The ``[modules.accounting]`` settings table."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class AccountingSettings(BaseModel):
    #: The company (functional) currency of the ledger, ISO 4217.
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    #: The chart template the demo installs: generic, it, es or gr.
    chart: str = Field(default="generic", pattern=r"^(generic|it|es|gr)$")
    #: Where rounding differences of foreign-currency entries go (an account code). Empty: the
    #: account whose role is ``rounding``.
    rounding_account: str = ""
    #: The largest rounding difference posted automatically (company currency).
    rounding_tolerance: str = "0.05"
    #: Accounts the sales office's events post to, by key (an account code each), over the
    #: defaults found by role: ``receivable``, ``revenue`` (a line with no better match),
    #: ``charge:<CHARGE_CODE>``, ``category:<category>``, ``vat`` or ``vat:<tax code>``,
    #: ``method:<payment method>``.
    sales_accounts: dict[str, str] = Field(default_factory=dict)
    #: The VAT rate (percent) included in the prices of a charge code, by code, for postings
    #: that no sales invoice details (lodging folios with sales off); a mapping's rate wins.
    charge_vat_rates: dict[str, Decimal] = Field(default_factory=dict)
