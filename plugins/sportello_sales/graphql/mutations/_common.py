from __future__ import annotations

from sportello import api
from sportello_sales.graphql.refunds import Refund
from sportello_sales.graphql.types import (
    BillingProfile,
    CashSession,
    Invoice,
    Order,
    Payment,
    PriceList,
    Product,
    SalesError,
    TaxRate,
)

MANAGE = "sales.manage"
INVOICE = "sales.invoice"
PAY = "sales.pay"
COUNTER = "sales.counter"
REFUND = "sales.refund"

TaxRatePayload = api.payload(TaxRate, errors=SalesError)
ProductPayload = api.payload(Product, errors=SalesError)
PriceListPayload = api.payload(PriceList, errors=SalesError)
BillingProfilePayload = api.payload(BillingProfile, errors=SalesError)
InvoicePayload = api.payload(Invoice, errors=SalesError)
CreditNotePayload = api.payload(name="CreditNotePayload", errors=SalesError, credit_note=Invoice)
PaymentPayload = api.payload(Payment, Invoice, errors=SalesError)
OrderPayload = api.payload(Order, errors=SalesError)
CashSessionPayload = api.payload(CashSession, errors=SalesError)
CounterSalePayload = api.payload(
    name="CounterSalePayload", errors=SalesError, invoice=Invoice, payment=Payment
)

PaymentRefundPayload = api.payload(
    name="PaymentRefundPayload", errors=SalesError, refund=Refund, payment=Payment, invoice=Invoice
)
CounterFeePayload = api.payload(
    name="CounterFeeSetPayload",
    errors=SalesError,
    product=Product,
    descriptions={"product": "The fee's product (null: the service has no fee)"},
)
