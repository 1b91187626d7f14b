"""Draft invoices: created with their lines and totals, cancelled while still drafts."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common
from sportello_sales.services import placement as places
from sportello_sales.services.invoices import lines as doc_lines
from sportello_sales.services.invoices.lines import LineInput
from sportello_sales.services.placement import NOWHERE, Placement

INVOICE_CREATE = "invoiceCreate"
INVOICE_CANCEL = "invoiceCancel"


async def series(code: str | None, kind: str, field: str = "seriesCode") -> m.Series:
    """The series by code (default: the settings' series of the kind), created on first use."""
    settings = _common.settings()
    default = settings.invoice_series if kind == m.INVOICE else settings.credit_note_series
    code = (code or default).strip().upper()
    if not code or len(code) > 8 or not code.isalnum():
        raise api.ServiceError("INVALID", "sales.invalid_series", field)
    row = await m.Series.filter(code=code).first()
    if row is None:
        try:
            async with api.atomic():
                row = await m.Series.create(code=code, kind=kind, name=code)
        except IntegrityError:
            row = await m.Series.get(code=code)
    if row.kind != kind:
        raise api.ServiceError("INVALID", "sales.invalid_series", field)
    return row


def exchange_rate(currency: str, rate: Decimal | None) -> Decimal:
    if currency == _common.settings().company_currency:
        if rate is not None and rate != 1:
            raise api.ServiceError("INVALID", "sales.invalid_exchange_rate", "exchangeRate")
        return Decimal(1)
    if rate is None:
        raise api.ServiceError("REQUIRED", "sales.exchange_rate_required", "exchangeRate")
    if not rate.is_finite() or rate <= 0 or rate >= Decimal(10) ** 9:
        raise api.ServiceError("INVALID", "sales.invalid_exchange_rate", "exchangeRate")
    return rate


async def create(
    actor: api.Actor,
    party_id: int,
    lines: Sequence[LineInput],
    *,
    currency: str | None = None,
    prices_include_tax: bool = False,
    exchange_rate_value: Decimal | None = None,
    series_code: str | None = None,
    channel: str = "",
    notes: str = "",
    kind: str = m.INVOICE,
    corrects: m.Invoice | None = None,
    order_id: int | None = None,
    operation: str = INVOICE_CREATE,
    placement: Placement = NOWHERE,
    site_id: int | None = None,
    organisation_id: int | None = None,
) -> m.Invoice:
    """A draft document with its lines, taxes and totals; nothing is written on bad input.
    Its site and organisation: ``site_id`` and ``organisation_id`` as given (checked here for
    the actor, ``services.placement``), or ``placement``, the document's it comes from."""
    code = _common.check_currency(currency)
    rate = exchange_rate(code, exchange_rate_value)
    prepared = await doc_lines.prepare(
        lines,
        party_id=party_id,
        currency=code,
        prices_include_tax=prices_include_tax,
        day=_common.today(),
        channel=channel,
    )
    result = doc_lines.totals(prepared, code, prices_include_tax)
    if site_id is not None or organisation_id is not None:
        placement = await places.resolve(actor, site_id, organisation_id)
    async with api.atomic():
        # The series is created on first use in this transaction: a refused draft leaves none.
        doc_series = await series(series_code, kind)
        await places.lock_parties(party_id, placement)
        invoice = await m.Invoice.create(
            kind=kind,
            party_id=party_id,
            series_id=doc_series.id,
            currency=code,
            exchange_rate=rate,
            company_currency=_common.settings().company_currency,
            rounding=_common.rounding_of(code),
            prices_include_tax=prices_include_tax,
            net_total=result.net_total,
            tax_total=result.tax_total,
            total=result.total,
            corrects_id=corrects.id if corrects else None,
            order_id=order_id,
            notes=notes.strip(),
            **placement.columns(),
        )
        await doc_lines.store(invoice, prepared, result)
        await api.record(
            actor,
            operation,
            invoice,
            after={
                "party": party_id,
                "currency": code,
                "total": result.total,
                **placement.columns(),
            },
        )
    return invoice


async def cancel(actor: api.Actor, invoice_id: int) -> m.Invoice:
    """Only a draft is cancelled; an issued document is corrected by a credit note."""
    async with api.atomic():
        invoice: m.Invoice = await api.get_or_error(m.Invoice, invoice_id, "id")
        changed = await m.Invoice.filter(id=invoice_id, status=m.DRAFT).update(status=m.CANCELLED)
        if not changed:
            raise api.ServiceError("INVALID_STATUS", "sales.only_drafts", "id")
        invoice.status = m.CANCELLED
        await api.record(actor, INVOICE_CANCEL, invoice, before={"status": m.DRAFT})
    return invoice
