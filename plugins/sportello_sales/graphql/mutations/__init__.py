from sportello_sales.graphql.mutations.billing_profile_set import billing_profile_set
from sportello_sales.graphql.mutations.cash_session_close import cash_session_close
from sportello_sales.graphql.mutations.cash_session_open import cash_session_open
from sportello_sales.graphql.mutations.counter_fee_set import counter_fee_set
from sportello_sales.graphql.mutations.counter_sale_create import counter_sale_create
from sportello_sales.graphql.mutations.credit_note_create import credit_note_create
from sportello_sales.graphql.mutations.invoice_cancel import invoice_cancel
from sportello_sales.graphql.mutations.invoice_create import invoice_create
from sportello_sales.graphql.mutations.invoice_issue import invoice_issue
from sportello_sales.graphql.mutations.order_cancel import order_cancel
from sportello_sales.graphql.mutations.order_invoice import order_invoice
from sportello_sales.graphql.mutations.payment_refund import payment_refund
from sportello_sales.graphql.mutations.payment_register import payment_register
from sportello_sales.graphql.mutations.price_list_create import price_list_create
from sportello_sales.graphql.mutations.price_list_price_set import price_list_price_set
from sportello_sales.graphql.mutations.price_list_update import price_list_update
from sportello_sales.graphql.mutations.product_create import product_create
from sportello_sales.graphql.mutations.product_update import product_update
from sportello_sales.graphql.mutations.quote_accept import quote_accept
from sportello_sales.graphql.mutations.quote_create import quote_create
from sportello_sales.graphql.mutations.tax_rate_create import tax_rate_create
from sportello_sales.graphql.mutations.tax_rate_update import tax_rate_update
from sportello_sales.graphql.receivables import payment_reminders_send

ALL = [
    payment_reminders_send,
    tax_rate_create,
    tax_rate_update,
    product_create,
    product_update,
    price_list_create,
    price_list_update,
    price_list_price_set,
    billing_profile_set,
    quote_create,
    quote_accept,
    order_cancel,
    order_invoice,
    invoice_create,
    invoice_issue,
    invoice_cancel,
    credit_note_create,
    payment_register,
    payment_refund,
    cash_session_open,
    counter_sale_create,
    cash_session_close,
    counter_fee_set,
]

__all__ = ["ALL"]
