from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry
from tortoise.expressions import Q

from sportello import api
from sportello_sales import models
from sportello_sales.graphql.types import (
    CashSession,
    CashSessionStatus,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Order,
    Payment,
    PaymentMethodInfo,
    PriceList,
    Product,
    SalesOrderKind,
    SalesOrderStatus,
    SalesSettingsInfo,
    TaxRate,
    settings_info,
)
from sportello_sales.services import _common

VIEW = "sales.view"


@strawberry.type
class SalesQueries:
    @api.connection(api.Connection[TaxRate], VIEW)
    def tax_rates(self, active: bool | None = None) -> AsyncIterable[models.TaxRate]:
        """The tax rates and natures, by code."""
        qs = models.TaxRate.all().order_by("code")
        return qs.filter(active=active) if active is not None else qs

    @api.connection(api.Connection[Product], VIEW)
    def products(
        self,
        active: bool | None = None,
        category: str | None = None,
        search: str | None = None,
    ) -> AsyncIterable[models.Product]:
        """The catalogue, by name; ``search`` matches the name or the charge code."""
        qs = models.Product.all().order_by("name", "id")
        if active is not None:
            qs = qs.filter(active=active)
        if category:
            qs = qs.filter(category=category)
        if search and search.strip():
            term = search.strip()
            qs = qs.filter(Q(name__icontains=term) | Q(charge_code__icontains=term.upper()))
        return qs

    @api.connection(api.Connection[PriceList], VIEW)
    def price_lists(
        self, currency: str | None = None, active: bool | None = None
    ) -> AsyncIterable[models.PriceList]:
        """The price lists, by name."""
        qs = models.PriceList.all().order_by("name", "id")
        if currency:
            qs = qs.filter(currency=currency.upper())
        return qs.filter(active=active) if active is not None else qs

    @api.connection(api.Connection[Invoice], VIEW)
    def invoices(
        self,
        status: InvoiceStatus | None = None,
        party_id: strawberry.ID | None = None,
        kind: InvoiceKind | None = None,
    ) -> AsyncIterable[models.Invoice]:
        """Invoices and credit notes, the latest first."""
        qs = models.Invoice.all().order_by("-id")
        if status is not None:
            qs = qs.filter(status=status.value)
        if kind is not None:
            qs = qs.filter(kind=kind.value)
        if party_id is not None:
            qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
        return qs

    @api.connection(api.Connection[Order], VIEW)
    def sales_orders(
        self,
        kind: SalesOrderKind | None = None,
        status: SalesOrderStatus | None = None,
        party_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.Order]:
        """Quotes and orders, the latest first."""
        qs = models.Order.all().order_by("-id")
        if kind is not None:
            qs = qs.filter(kind=kind.value)
        if status is not None:
            qs = qs.filter(status=status.value)
        if party_id is not None:
            qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
        return qs

    @api.connection(api.Connection[CashSession], VIEW)
    def cash_sessions(
        self,
        site_id: strawberry.ID | None = None,
        status: CashSessionStatus | None = None,
    ) -> AsyncIterable[models.CashSession]:
        """Cash sessions of the caller's sites, the latest first."""
        qs = models.CashSession.all().order_by("-id")
        if status is not None:
            qs = qs.filter(status=status.value)
        return api.for_site(qs, site_id)

    @api.connection(api.Connection[Payment], VIEW)
    def payments(self, invoice_id: strawberry.ID | None = None) -> AsyncIterable[models.Payment]:
        """Payments, the latest first."""
        qs = models.Payment.all().order_by("-id")
        if invoice_id is not None:
            qs = qs.filter(invoice_id=api.decode_id(invoice_id, "Invoice", "invoiceId"))
        return qs

    @api.query(VIEW, description="The payment methods of this installation, with their labels.")
    def payment_methods(self, info: strawberry.Info) -> list[PaymentMethodInfo]:
        catalog, language = info.context.runtime.catalog, info.context.language
        out = []
        for code in _common.payment_methods():
            key = f"sales.method.{code}"
            label = catalog.gettext(key, language) if catalog.has(key, "en") else code
            out.append(PaymentMethodInfo(code=code, label=label))
        return out

    @api.query(VIEW, description="The sales settings clients need.")
    def sales_settings(self) -> SalesSettingsInfo:
        return settings_info()
