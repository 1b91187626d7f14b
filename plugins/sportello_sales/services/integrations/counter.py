"""From the counter office: a service with a fee makes a receipt when its ticket is served.

A manager names a counter service's fee (``counterFeeSet``: a catalogue product, and optionally
the cash desk that takes it). When the counter office publishes ``counter.ticket.finished``
(status ``done``: the citizen was served, the certificate handed over) for a ticket of that
service, sales issues a receipt in the counter series to the walk-in party, one line of the
product at its price, keyed ``counter.ticket:<ticket id>`` in the invoice's UNIQUE source key
(a redelivered event issues nothing twice). With a desk named and a cash session open at that
desk of the ticket's site, the receipt is paid in cash into it at once (referenced with the
same key, once); otherwise it stays due, paid at the desk with ``paymentRegister``. The counter
office is not touched: sales subscribes to its event (registered only when counter is on).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, counter_sales, payments
from sportello_sales.services.invoices import drafts, issue
from sportello_sales.services.invoices.lines import LineInput

OFFICE = "counter"
TICKET_FINISHED = "counter.ticket.finished"
COUNTER_FEE_SET = "counterFeeSet"
COUNTER_FEE = "counterFee"
DONE = "done"


def source_key(ticket_id: int) -> str:
    return f"counter.ticket:{ticket_id}"


async def set_fee(
    actor: api.Actor, service_id: int, product_id: int | None, desk: str = ""
) -> m.Product | None:
    """The service's fee (``product_id`` None: no fee any more); audited."""
    code = counter_sales.normal_desk(desk) if desk.strip() else ""
    async with api.atomic():
        before = await m.CounterFee.filter(service_id=service_id).select_for_update().first()
        was = {"product": before.product_id, "desk": before.desk} if before else None
        product = None
        if product_id is None:
            await m.CounterFee.filter(service_id=service_id).delete()
            now = None
        else:
            product = await api.get_or_error(m.Product, product_id, "productId")
            if not product.active:
                raise api.ServiceError("INVALID_STATUS", "sales.product_inactive", "productId")
            if before is None:
                try:
                    async with api.atomic():
                        await m.CounterFee.create(
                            service_id=service_id, product_id=product_id, desk=code
                        )
                except IntegrityError:  # set at the same moment by another manager
                    raise api.ServiceError("CONFLICT", "sales.conflict", "serviceId") from None
            else:
                before.product_id, before.desk = product_id, code
                await before.save(update_fields=["product_id", "desk", "updated_at"])
            now = {"product": product_id, "desk": code}
        await api.record(
            actor,
            COUNTER_FEE_SET,
            object_type="CounterService",  # found by the service's global id
            object_id=service_id,
            before={"fee": was},
            after={"fee": now},
        )
    return product


async def _receipt(
    fee: m.CounterFee, payload: dict[str, object], key: str, site_id: int | None
) -> m.Invoice:
    invoice = await m.Invoice.filter(source_key=key).first()
    if invoice is not None:
        return invoice
    product = await m.Product.get(id=fee.product_id)
    try:
        async with api.atomic():
            invoice = await drafts.create(
                api.SYSTEM,
                await counter_sales.walk_in_party(),
                [LineInput(product_id=product.id, quantity=Decimal(1))],
                currency=_common.settings().company_currency,
                prices_include_tax=product.price_includes_tax,
                series_code=_common.settings().counter_series,
                channel="counter",
                notes=f"Ticket {payload.get('number') or ''}".strip(),
                operation=COUNTER_FEE,
                site_id=site_id,  # the ticket's site: its organisation issues the receipt
            )
            await m.Invoice.filter(id=invoice.id).update(source_key=key)
    except IntegrityError:
        return await m.Invoice.get(source_key=key)  # a concurrent run made it
    return invoice


async def on_ticket_finished(event: api.Event) -> None:
    payload = event.payload
    if payload.get("status") != DONE:
        return
    fee = await m.CounterFee.filter(service_id=int(payload["service_id"])).first()
    if fee is None:
        return
    key = source_key(int(payload["ticket_id"]))
    invoice = await _receipt(fee, payload, key, event.site_id)
    if invoice.status == m.DRAFT:
        try:
            invoice = await issue.issue(api.SYSTEM, invoice.id)
        except api.ServiceError as error:
            if error.problems[0].code != "INVALID_STATUS":  # issued by a concurrent run
                raise
            invoice = await m.Invoice.get(id=invoice.id)
    if invoice.status != m.ISSUED or not fee.desk or event.site_id is None:
        return
    session = await m.CashSession.filter(
        site_id=event.site_id, desk=fee.desk, status=m.OPEN
    ).first()
    if session is None or await m.Payment.filter(invoice_id=invoice.id, reference=key).exists():
        return
    try:
        await payments.register(
            api.SYSTEM,
            invoice.id,
            _common.money(payments.balance(invoice), invoice.currency),
            "cash",
            reference=key,
            cash_session_id=session.id,
            operation=COUNTER_FEE,
        )
    except api.ServiceError as error:
        # Paid by a concurrent run (OVERPAYMENT), or the session closed meanwhile: it stays due.
        if error.problems[0].code not in {"OVERPAYMENT", "INVALID_STATUS", "INVALID"}:
            raise


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    """The handler, when the counter office is on."""
    if not enabled(OFFICE):
        return []
    return [api.EventHandler(TICKET_FINISHED, "sales.receipt.counter_fee", on_ticket_finished)]
