"""Sales: catalogue, tax rates, billing profiles, invoices with gapless numbers, credit notes,
payments, and the events an accounting office posts from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.routing import BaseRoute

from sportello import api
from sportello_sales import demo, routes
from sportello_sales.graphql import mutations, queries, receivables, refunds, types
from sportello_sales.messages import MESSAGES
from sportello_sales.services import (
    _common,
    counter_sales,
    privacy,
    reminder_schedule,
    reminders,
)
from sportello_sales.services import refunds as refund_service
from sportello_sales.services.integrations import counter as from_counter
from sportello_sales.services.integrations import lodging as from_lodging
from sportello_sales.services.invoices import events
from sportello_sales.services.party_merge import party_merge
from sportello_sales.services.taxes import rates
from sportello_sales.settings import SalesSettings

VIEW, MANAGE, INVOICE, PAY = "sales.view", "sales.manage", "sales.invoice", "sales.pay"
COUNTER = "sales.counter"
REFUND = "sales.refund"


async def _startup(runtime: api.RuntimeView) -> None:
    _common.configure(runtime.plugin_settings("sales"))
    await rates.install_preset()


office = api.Office(
    name="sales",
    title="Sales",
    version="0.1.0",
    description="Catalogue, taxes, invoices with gapless numbers, credit notes and payments.",
    settings=SalesSettings,
    types=[
        types.TaxRate,
        types.Product,
        types.PriceList,
        types.BillingProfile,
        types.Order,
        types.OrderLine,
        types.Invoice,
        types.InvoiceLine,
        types.Payment,
        refunds.Refund,
        types.CashSession,
        receivables.Receivable,
    ],
    queries=[queries.SalesQueries, receivables.ReceivableQueries],
    type_fields={api.Party: types.PartySalesFields},
    mutations=mutations.ALL,
    permissions={
        VIEW: "See the catalogue, tax rates, invoices and payments",
        MANAGE: "Edit the catalogue, price lists, tax rates and parties' billing data",
        INVOICE: "Create, issue and cancel invoices, and credit them",
        PAY: "Register payments of invoices",
        REFUND: "Give back payments (refunds), with a reason kept in the audit",
        COUNTER: "Sell at a desk's counter: open and close its cash session, issue paid receipts",
    },
    roles={
        "front_desk": [VIEW, INVOICE, PAY, COUNTER],
        "back_office": [VIEW, INVOICE, PAY, REFUND],
        "manager": [VIEW, MANAGE, INVOICE, PAY, COUNTER, REFUND],
        "auditor": [VIEW],
    },
    translations=MESSAGES,
    event_types=[
        api.EventType(
            events.INVOICE_ISSUED,
            description="An invoice was issued: its number, amounts per tax rate and category.",
            payload=events.DocumentIssued,
            permission=VIEW,
        ),
        api.EventType(
            events.CREDIT_NOTE_ISSUED,
            description="A credit note was issued against an invoice (amounts positive).",
            payload=events.DocumentIssued,
            permission=VIEW,
        ),
        api.EventType(
            events.PAYMENT_REGISTERED,
            description="A payment of an invoice was registered (full or partial).",
            payload=events.PaymentRegistered,
            permission=VIEW,
        ),
        api.EventType(
            refund_service.PAYMENT_REFUNDED,
            description=(
                "A payment was given back (in part): post it as the payment reversed, money out."
            ),
            payload=refund_service.PaymentRefunded,
            permission=VIEW,
        ),
        api.EventType(
            counter_sales.CASH_SESSION_CLOSED,
            description="A desk's cash session was closed: float, cash taken, counted, difference.",
            payload=counter_sales.CashSessionClosed,
            permission=VIEW,
        ),
        reminder_schedule.EVENT_TYPE,
    ],
    notifications=[reminders.PAYMENT_REMINDER],
    startup=_startup,
    demo=demo.load,
    party_data=privacy.party_data,
    party_erase=privacy.party_erase,
    party_merge=party_merge,
)

#: The plugin manager that registered sales: the offices enabled with it.
_pm: Any = None


@api.hookimpl
def sportello_addhooks(pm: Any) -> None:
    global _pm
    _pm = pm


# From the hotel (closed folios become invoices) and the counter office (a served ticket of a
# service with a fee becomes a receipt): registered only when that office is on.
@api.hookimpl
def sportello_event_handlers() -> list[api.EventHandler]:
    def enabled(office: str) -> bool:
        return _pm is not None and _pm.get_plugin(office) is not None

    return [
        reminder_schedule.HANDLER,
        *from_lodging.handlers(enabled),
        *from_counter.handlers(enabled),
    ]


@api.hookimpl
def sportello_routes(runtime: api.RuntimeView) -> Sequence[BaseRoute]:
    """The PDF of an issued invoice, through the signed link of ``Invoice.pdfUrl``."""
    return routes.routes()
