"""Sales: catalogue, tax rates, billing profiles, invoices, credit notes and payments.

The office is organisation-wide: its rows belong to no site. Amounts are Decimal columns; a
document's amounts are rounded to its currency's decimals (babel), unit prices keep more.

One module per aggregate; every model and value is re-exported here: ``sportello_sales.models``
is the module the office declares (Tortoise discovers the models from it, app label ``sales``)
and the one the rest of the office imports.
"""

from __future__ import annotations

from sportello_sales.models.billing import BillingProfile
from sportello_sales.models.cash import CashSession
from sportello_sales.models.catalogue import PriceList, PriceListItem, Product, TaxRate
from sportello_sales.models.counter import CounterFee
from sportello_sales.models.invoices import Invoice, InvoiceLine, InvoiceTax
from sportello_sales.models.numbering import Series, SeriesCounter
from sportello_sales.models.orders import Order, OrderLine
from sportello_sales.models.payments import Payment, Refund
from sportello_sales.models.reminders import Reminder
from sportello_sales.models.states import (
    CANCELLED,
    CLOSED,
    COMPANY,
    CREDIT_NOTE,
    DRAFT,
    EXEMPT,
    INVOICE,
    INVOICED,
    ISSUED,
    OPEN,
    ORDER,
    PERSON,
    QUOTE,
    REVERSE_CHARGE,
    STANDARD,
)

__all__ = [
    "CANCELLED",
    "CLOSED",
    "COMPANY",
    "CREDIT_NOTE",
    "DRAFT",
    "EXEMPT",
    "INVOICE",
    "INVOICED",
    "ISSUED",
    "OPEN",
    "ORDER",
    "PERSON",
    "QUOTE",
    "REVERSE_CHARGE",
    "STANDARD",
    "BillingProfile",
    "CashSession",
    "CounterFee",
    "Invoice",
    "InvoiceLine",
    "InvoiceTax",
    "Order",
    "OrderLine",
    "Payment",
    "PriceList",
    "PriceListItem",
    "Product",
    "Refund",
    "Reminder",
    "Series",
    "SeriesCounter",
    "TaxRate",
]
