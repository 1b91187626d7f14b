"""The document handed to the renderers: a frozen snapshot of an issued invoice or credit note.

Sales builds it from its own tables at export time; the renderers (PDF, FatturaPA XML) read only
this, never the database. Amounts are Decimal in the document currency; every total is given
(the renderers print and check them, they never recompute a tax).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address. ``country`` is ISO 3166 alpha-2 (``IT``); ``province`` the Italian
    two-letter sigla (``RM``) or a region elsewhere."""

    street: str
    postcode: str
    city: str
    country: str
    province: str | None = None


@dataclass(frozen=True, slots=True)
class DocParty:
    """The seller or the buyer as printed on the document.

    ``vat_id`` is the number without its country prefix (``01234567890``), ``vat_country`` the
    prefix (defaults to the address country). A person (``is_company=False``) carries
    ``first_name`` and ``last_name``. ``sdi_code`` is the Italian recipient code (7 characters
    for businesses, 6 for a public administration), ``pec`` the certified e-mail used when there
    is no code, ``tax_regime`` the FatturaPA RegimeFiscale of a seller (``RF01`` if unset).
    """

    name: str
    address: Address
    vat_id: str | None = None
    vat_country: str | None = None
    fiscal_code: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_company: bool = True
    sdi_code: str | None = None
    pec: str | None = None
    tax_regime: str | None = None


@dataclass(frozen=True, slots=True)
class DocLine:
    """One line. ``unit_price`` is net of tax, ``net_amount`` the line total net of tax after the
    discount, ``tax_rate`` a percentage (``Decimal("22.00")``); a 0 % line names its FatturaPA
    nature (``N1`` … ``N7``, with sub-codes such as ``N2.2`` or ``N3.1``)."""

    number: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    net_amount: Decimal
    tax_rate: Decimal
    tax_nature: str | None = None
    unit: str | None = None
    discount_percent: Decimal | None = None
    charge_code: str | None = None


@dataclass(frozen=True, slots=True)
class DocTax:
    """One row of the tax summary: the taxable amount and the tax at one rate (and nature)."""

    rate: Decimal
    taxable: Decimal
    tax: Decimal
    nature: str | None = None
    legal_reference: str | None = None


@dataclass(frozen=True, slots=True)
class DocPayment:
    """A payment received (``paid_on``) or expected (``due_date``). ``method`` is one of the
    payment methods of sales: cash, card, bank_transfer, cheque, direct_debit, other."""

    method: str
    amount: Decimal
    paid_on: date | None = None
    due_date: date | None = None
    iban: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """An issued invoice or credit note. A credit note names the invoice it corrects
    (``corrects_number``, ``corrects_date``) and carries positive amounts (its kind is the sign).
    ``language`` is the reader's language (en, it, es, el), ``currency`` ISO 4217.
    ``transmission_id`` is the FatturaPA ProgressivoInvio (at most 10 characters)."""

    kind: Literal["invoice", "credit_note"]
    number: str
    issue_date: date
    currency: str
    language: str
    seller: DocParty
    buyer: DocParty
    lines: tuple[DocLine, ...]
    taxes: tuple[DocTax, ...]
    net_total: Decimal
    tax_total: Decimal
    total: Decimal
    paid: Decimal = Decimal(0)
    payments: tuple[DocPayment, ...] = ()
    corrects_number: str | None = None
    corrects_date: date | None = None
    notes: str | None = None
    transmission_id: str = "00001"

    @property
    def amount_due(self) -> Decimal:
        """What is still to be paid (never below zero)."""
        return max(self.total - self.paid, Decimal(0))
