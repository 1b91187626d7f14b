"""An issued invoice or credit note as the document its renderers read (PDF, FatturaPA XML).

Built from what was frozen at issue (the buyer's and the seller's data, the lines, the tax
summary) and the payments registered since: a later change of a billing profile or of the
seller's settings never changes an issued document. A draft has no document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sportello_sales import models as m
from sportello_sales.services.documents.model import (
    Address,
    DocLine,
    DocParty,
    DocPayment,
    DocTax,
    InvoiceDocument,
)
from sportello_sales.services.taxes.compute import currency_decimals, round_to

HUNDRED = Decimal(100)
PRICE_PLACES = Decimal("0.000001")


async def issued_document(invoice_id: int, language: str) -> InvoiceDocument | None:
    """The document of an issued (or issued then credited) invoice; ``None`` for a draft, a
    cancelled draft or an id that does not exist."""
    invoice = await m.Invoice.filter(id=invoice_id).first()
    if invoice is None or invoice.number is None or invoice.issue_date is None:
        return None
    lines = await m.InvoiceLine.filter(invoice_id=invoice.id).order_by("position")
    taxes = await m.InvoiceTax.filter(invoice_id=invoice.id).order_by("rate", "tax_code")
    paid = await m.Payment.filter(invoice_id=invoice.id).order_by("paid_on", "id")
    corrects = None
    if invoice.corrects_id is not None:
        corrects = await m.Invoice.filter(id=invoice.corrects_id).first()
    return build(invoice, lines, taxes, paid, corrects, language)


def build(
    invoice: m.Invoice,
    lines: list[m.InvoiceLine],
    taxes: list[m.InvoiceTax],
    paid: list[m.Payment],
    corrects: m.Invoice | None,
    language: str,
) -> InvoiceDocument:
    assert invoice.number is not None and invoice.issue_date is not None
    places = currency_decimals(invoice.currency)

    def cash(value: Decimal) -> Decimal:
        return round_to(Decimal(value), places)

    total, paid_total = cash(invoice.total), cash(sum((p.amount for p in paid), Decimal(0)))
    payments = [DocPayment(method=p.method, amount=cash(p.amount), paid_on=p.paid_on) for p in paid]
    due = total - paid_total - cash(invoice.credited_total)
    if invoice.kind == m.INVOICE and due > 0:
        payments.append(DocPayment(method="bank_transfer", amount=due, due_date=invoice.due_date))
    return InvoiceDocument(
        kind="credit_note" if invoice.kind == m.CREDIT_NOTE else "invoice",
        number=invoice.number,
        issue_date=invoice.issue_date,
        currency=invoice.currency,
        language=language,
        seller=seller_party(invoice.seller or {}),
        buyer=buyer_party(invoice.buyer or {}),
        lines=tuple(_line(n, line, invoice.prices_include_tax) for n, line in enumerate(lines, 1)),
        taxes=tuple(
            DocTax(
                rate=Decimal(t.rate),
                taxable=cash(t.taxable),
                tax=cash(t.tax),
                nature=t.nature or None,
                legal_reference=t.legal_reference or None,
            )
            for t in taxes
        ),
        net_total=cash(invoice.net_total),
        tax_total=cash(invoice.tax_total),
        total=total,
        paid=paid_total,
        payments=tuple(payments),
        corrects_number=corrects.number if corrects is not None else None,
        corrects_date=corrects.issue_date if corrects is not None else None,
        notes=invoice.notes or None,
        transmission_id=_transmission_id(invoice),
    )


def _line(number: int, line: m.InvoiceLine, prices_include_tax: bool) -> DocLine:
    quantity, net = Decimal(line.quantity), Decimal(line.net)
    discount = Decimal(line.discount_percent)
    factor = quantity * (HUNDRED - discount) / HUNDRED
    if factor:
        unit_price = (net / factor).quantize(PRICE_PLACES)
    elif prices_include_tax:
        unit_price = (Decimal(line.unit_price) * HUNDRED / (HUNDRED + line.tax_rate)).quantize(
            PRICE_PLACES
        )
    else:
        unit_price = Decimal(line.unit_price)
    return DocLine(
        number=number,
        description=line.description,
        quantity=quantity,
        unit_price=unit_price,
        net_amount=net.quantize(Decimal("0.01")),
        tax_rate=Decimal(line.tax_rate),
        tax_nature=line.tax_nature or None,
        unit=line.unit or None,
        discount_percent=discount or None,
        charge_code=line.charge_code or None,
    )


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return str(value).strip() or None if value else None


def _address(data: dict[str, Any], default_country: str) -> Address:
    return Address(
        street=_text(data, "street") or "-",
        postcode=_text(data, "postcode") or "00000",
        city=_text(data, "city") or "-",
        country=(_text(data, "country") or default_country).upper(),
        province=_text(data, "province"),
    )


def seller_party(data: dict[str, Any]) -> DocParty:
    return DocParty(
        name=_text(data, "name") or "-",
        address=_address(data, "IT"),
        vat_id=_text(data, "vat_id"),
        fiscal_code=_text(data, "fiscal_code"),
        pec=_text(data, "pec"),
        tax_regime=_text(data, "tax_regime"),
    )


def buyer_party(data: dict[str, Any]) -> DocParty:
    company = data.get("kind") == m.COMPANY
    name = _text(data, "name") or "-"
    first, _, last = name.partition(" ")
    return DocParty(
        name=name,
        address=_address(data, "IT"),
        vat_id=_text(data, "vat_id"),
        fiscal_code=_text(data, "fiscal_code"),
        is_company=company,
        first_name=None if company or not last else first,
        last_name=None if company or not last else last,
        sdi_code=_text(data, "sdi_code"),
        pec=_text(data, "pec"),
    )


def _transmission_id(invoice: m.Invoice) -> str:
    """ProgressivoInvio: the document's id in base 36, at most 10 characters."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    value, out = invoice.id, ""
    while value:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
    return (out or "0").rjust(5, "0")[-10:]
