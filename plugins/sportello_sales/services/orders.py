"""Quotes and orders: quote -> order -> invoice.

A quote is priced and taxed as its invoice will be (same lines, same computation). The party
accepts it: it becomes an order (``quoteAccept``, only an open quote, conditional UPDATE). The
order is billed once: ``orderInvoice`` makes a draft invoice with the order's lines and marks
the order invoiced in the same transaction (a conditional UPDATE: two clerks billing one order
get one invoice). Open quotes and orders may be cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, placement
from sportello_sales.services.invoices import drafts
from sportello_sales.services.invoices import lines as doc_lines
from sportello_sales.services.invoices.lines import LineInput

QUOTE_CREATE = "quoteCreate"
QUOTE_ACCEPT = "quoteAccept"
ORDER_CANCEL = "orderCancel"
ORDER_INVOICE = "orderInvoice"


async def create_quote(
    actor: api.Actor,
    party_id: int,
    lines: Sequence[LineInput],
    *,
    currency: str | None = None,
    prices_include_tax: bool = False,
    exchange_rate_value: Decimal | None = None,
    valid_until: dt.date | None = None,
    channel: str = "",
    notes: str = "",
    site_id: int | None = None,
    organisation_id: int | None = None,
) -> m.Order:
    code = _common.check_currency(currency)
    rate = drafts.exchange_rate(code, exchange_rate_value)
    today = _common.today()
    if valid_until is not None and valid_until < today:
        raise api.ServiceError("INVALID", "sales.invalid_validity", "validUntil")
    prepared = await doc_lines.prepare(
        lines,
        party_id=party_id,
        currency=code,
        prices_include_tax=prices_include_tax,
        day=today,
        channel=channel,
    )
    result = doc_lines.totals(prepared, code, prices_include_tax)
    where = await placement.resolve(actor, site_id, organisation_id)
    async with api.atomic():
        await placement.lock_parties(party_id, where)
        order = await m.Order.create(
            party_id=party_id,
            currency=code,
            exchange_rate=rate,
            prices_include_tax=prices_include_tax,
            net_total=result.net_total,
            tax_total=result.tax_total,
            total=result.total,
            valid_until=valid_until,
            notes=notes.strip(),
            **where.columns(),
        )
        await m.OrderLine.bulk_create(
            [
                m.OrderLine(
                    order_id=order.id,
                    position=i + 1,
                    product_id=p.product_id,
                    charge_code=p.charge_code,
                    description=p.description,
                    quantity=p.quantity,
                    unit_price=p.unit_price,
                    discount_percent=p.discount_percent,
                    tax_code=p.tax.code,
                    net=out.net,
                    tax=out.tax,
                )
                for i, (p, out) in enumerate(zip(prepared, result.lines, strict=True))
            ]
        )
        await api.record(
            actor, QUOTE_CREATE, order, after={"party": party_id, "total": result.total}
        )
    return order


async def accept(actor: api.Actor, order_id: int) -> m.Order:
    async with api.atomic():
        order: m.Order = await api.get_or_error(m.Order, order_id, "id")
        if order.valid_until is not None and order.valid_until < _common.today():
            raise api.ServiceError("QUOTE_EXPIRED", "sales.quote_expired", "id")
        at = _common.now()
        changed = await m.Order.filter(id=order_id, kind=m.QUOTE, status=m.OPEN).update(
            kind=m.ORDER, accepted_at=at
        )
        if not changed:
            raise api.ServiceError("INVALID_STATUS", "sales.only_open_quotes", "id")
        order.kind, order.accepted_at = m.ORDER, at
        await api.record(actor, QUOTE_ACCEPT, order, before={"kind": m.QUOTE})
    return order


async def cancel(actor: api.Actor, order_id: int) -> m.Order:
    async with api.atomic():
        order: m.Order = await api.get_or_error(m.Order, order_id, "id")
        changed = await m.Order.filter(id=order_id, status=m.OPEN).update(status=m.CANCELLED)
        if not changed:
            raise api.ServiceError("INVALID_STATUS", "sales.only_open_orders", "id")
        order.status = m.CANCELLED
        await api.record(actor, ORDER_CANCEL, order, before={"status": m.OPEN})
    return order


async def invoice(actor: api.Actor, order_id: int) -> m.Invoice:
    """A draft invoice with the order's lines; the order is invoiced."""
    order: m.Order = await api.get_or_error(m.Order, order_id, "id")
    if order.kind != m.ORDER or order.status != m.OPEN:
        raise api.ServiceError("INVALID_STATUS", "sales.only_open_orders", "id")
    wanted = [
        LineInput(
            description=line.description,
            product_id=line.product_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
            tax_code=line.tax_code,
        )
        for line in await m.OrderLine.filter(order_id=order.id).order_by("position")
    ]
    async with api.atomic():
        changed = await m.Order.filter(id=order.id, kind=m.ORDER, status=m.OPEN).update(
            status=m.INVOICED
        )
        if not changed:
            raise api.ServiceError("INVALID_STATUS", "sales.only_open_orders", "id")
        created = await drafts.create(
            actor,
            order.party_id,
            wanted,
            currency=order.currency,
            prices_include_tax=order.prices_include_tax,
            exchange_rate_value=(
                None
                if order.currency == _common.settings().company_currency
                else order.exchange_rate
            ),
            notes=order.notes,
            order_id=order.id,
            operation=ORDER_INVOICE,
            placement=placement.of(order),
        )
    return created
