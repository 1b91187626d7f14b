"""Sales' GraphQL types: catalogue, tax rates, billing profiles, invoices and payments.

Amounts are ``Decimal`` (strings on the wire) with the decimals of the document's currency.
A page of invoices loads its lines, tax summaries and parties in a fixed number of queries
(batch loaders run once per page). The types live in one module per aggregate
(``types_catalogue``, ``types_billing``, ``types_invoices``, ``types_orders``,
``types_payments``, what they share in ``types_common``); this module names them all.
"""

from __future__ import annotations

from sportello_sales.graphql.types_billing import (
    BillingProfile,
    PartySalesFields,
    load_billing_profiles,
)
from sportello_sales.graphql.types_catalogue import PriceList, PriceListItem, Product, TaxRate
from sportello_sales.graphql.types_common import (
    BillingKind,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
    PaymentMethodInfo,
    PaymentStatus,
    ProductKind,
    SalesError,
    SalesSettingsInfo,
    TaxTreatment,
    settings_info,
)
from sportello_sales.graphql.types_invoices import Invoice, InvoiceLine, InvoiceTax
from sportello_sales.graphql.types_orders import (
    Order,
    OrderLine,
    SalesOrderKind,
    SalesOrderStatus,
)
from sportello_sales.graphql.types_payments import CashSession, CashSessionStatus, Payment

__all__ = [
    "BillingKind",
    "BillingProfile",
    "CashSession",
    "CashSessionStatus",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceStatus",
    "InvoiceTax",
    "Order",
    "OrderLine",
    "PartySalesFields",
    "Payment",
    "PaymentMethod",
    "PaymentMethodInfo",
    "PaymentStatus",
    "PriceList",
    "PriceListItem",
    "Product",
    "ProductKind",
    "SalesError",
    "SalesOrderKind",
    "SalesOrderStatus",
    "SalesSettingsInfo",
    "TaxRate",
    "TaxTreatment",
    "load_billing_profiles",
    "settings_info",
]
