"""A closed hotel folio's invoices: its parts (the guest's, and a bill-to party's for company
billing), their drafts keyed once, and the folio's payments carried onto them.

A folio with no bill-to is one part, the guest's, keyed ``lodging.folio:<reservation>``. With
a bill-to party (lodging's ``folioBillToSet``) the charges of its charge codes (every charge
when none is named) are its part, keyed ``lodging.folio:<reservation>:bill_to``, the rest the
guest's. The folio's payments and deposits settle the guest's invoice first, then the
bill-to's (the guest pays the extras at the desk, the company the rest on account), each
referenced ``lodging.folio.line:<id>``: all the parts' invoices are locked while a payment
line is spread over them, so two runs of one event carry it once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, payments
from sportello_sales.services.invoices import drafts
from sportello_sales.services.invoices.lines import LineInput

log = logging.getLogger(__name__)

CHARGE_KINDS = {"room", "city_tax", "extra", "fee"}
MONEY_KINDS = {"payment", "deposit"}
FOLIO_INVOICE = "folioInvoice"


def source_key(reservation_id: int) -> str:
    return f"lodging.folio:{reservation_id}"


def bill_to_key(reservation_id: int) -> str:
    return f"lodging.folio:{reservation_id}:bill_to"


def part_keys(reservation_id: int) -> list[str]:
    """The keys of a stay's invoices, the guest's first."""
    return [source_key(reservation_id), bill_to_key(reservation_id)]


def payment_reference(line_id: int) -> str:
    return f"lodging.folio.line:{line_id}"


@dataclass
class Part:
    key: str
    party_id: int
    lines: list[LineInput]


def charge_code(line: dict[str, Any]) -> str:
    return str(line.get("charge_code") or "EXTRA").upper()


def charge_lines(lines: list[dict[str, Any]]) -> list[LineInput]:
    """The folio's charges left after voids, grouped by charge code, price and description."""
    grouped: dict[tuple[str, Decimal, str], Decimal] = {}
    for line in lines:
        if line.get("kind") not in CHARGE_KINDS or line.get("voided"):
            continue
        if line.get("reverses_line_id") is not None:
            continue  # the reversing line of a void: it cancels the voided line, left off too
        code = charge_code(line)
        quantity = Decimal(int(line["quantity"]))
        unit = Decimal(str(line["unit_amount"]))
        if quantity == 0 or unit == 0:
            continue
        if quantity < 0:  # a negative adjustment: carried as a negative price
            quantity, unit = -quantity, -unit
        description = str(line.get("description") or "")
        if line.get("kind") == "room":
            description = ""  # one line for the nights at one price: the product's name
        key = (code, unit, description)
        grouped[key] = grouped.get(key, Decimal(0)) + quantity
    return [
        LineInput(
            description=description or None,
            charge_code=code,
            quantity=quantity,
            unit_price=unit,
        )
        for (code, unit, description), quantity in grouped.items()
    ]


def parts(payload: dict[str, Any]) -> list[Part]:
    """The guest's part, then the bill-to's when the folio has one (parts with no charge left
    are left off: nothing to invoice)."""
    rid = int(payload["reservation_id"])
    guest = int(payload["guest_party_id"])
    lines = list(payload.get("lines") or [])
    bill_to = payload.get("bill_to_party_id")
    if not isinstance(bill_to, int) or bill_to == guest:
        found = [Part(source_key(rid), guest, charge_lines(lines))]
    else:
        routed = {str(c).upper() for c in payload.get("bill_to_charge_codes") or []}

        def billed(line: dict[str, Any]) -> bool:
            return not routed or charge_code(line) in routed

        found = [
            Part(source_key(rid), guest, charge_lines([x for x in lines if not billed(x)])),
            Part(bill_to_key(rid), bill_to, charge_lines([x for x in lines if billed(x)])),
        ]
    return [part for part in found if part.lines]


def money_lines(lines: list[dict[str, Any]]) -> list[tuple[int, Decimal, str]]:
    """Each payment or deposit (line id, amount net of its refunds, method), in folio order."""
    paid: dict[int, Decimal] = {}
    methods: dict[int, str] = {}
    for line in lines:
        if line.get("kind") not in MONEY_KINDS or line.get("line_id") is None:
            continue
        amount = Decimal(str(line["amount"]))
        target = line.get("reverses_line_id")
        if amount < 0 and isinstance(target, int) and target in paid:
            paid[target] += amount
            continue
        paid[int(line["line_id"])] = amount
        methods[int(line["line_id"])] = str(line.get("method") or "other")
    return [(lid, amount, methods[lid]) for lid, amount in paid.items() if amount > 0]


def site_of(payload: dict[str, Any]) -> int | None:
    """The hotel's site the closed folio names (``site_id`` of lodging.folio.closed)."""
    site = payload.get("site_id")
    return site if isinstance(site, int) else None


async def draft(payload: dict[str, Any], part: Part) -> m.Invoice:
    """The part's invoice: found by its key, or made as a draft and keyed in one transaction
    (a racing run hits the UNIQUE key, rolls back and takes the one made)."""
    invoice = await m.Invoice.filter(source_key=part.key).first()
    if invoice is not None:
        return invoice
    try:
        async with api.atomic():
            invoice = await drafts.create(
                api.SYSTEM,
                part.party_id,
                part.lines,
                currency=str(payload.get("currency") or _common.settings().company_currency),
                prices_include_tax=True,
                channel="hotel",
                notes=f"Hotel stay {payload['reservation_id']}",
                operation=FOLIO_INVOICE,
                # The hotel's site: the stay is invoiced by the site's organisation.
                site_id=site_of(payload),
            )
            await m.Invoice.filter(id=invoice.id).update(source_key=part.key)
    except IntegrityError:
        return await m.Invoice.get(source_key=part.key)  # a concurrent run made it
    except api.ServiceError as error:
        log.error(
            "Folio of reservation %s not invoiced: %s; "
            "the delivery is retried, then parked: fix it and replay the delivery",
            payload.get("reservation_id"),
            ", ".join(f"{p.code} on {p.field}" for p in error.problems),
        )
        raise
    return invoice


async def issued_invoices(reservation_id: int) -> list[m.Invoice]:
    """The stay's issued invoices, the guest's first; RuntimeError (the bus retries) while
    none is issued yet (the closed folio's event not handled yet)."""
    keys = part_keys(reservation_id)
    found = {i.source_key: i for i in await m.Invoice.filter(source_key__in=keys)}
    if not found or any(i.status == m.DRAFT for i in found.values()):
        raise RuntimeError(f"no issued invoice for {source_key(reservation_id)} yet")
    return [found[k] for k in keys if k in found and found[k].status == m.ISSUED]


async def pay(invoices: list[m.Invoice], line_id: int, amount: Decimal, method: str) -> None:
    """Carry a folio payment line onto the invoices, in order, each up to what it is due, once
    in all (by its reference), every invoice locked meanwhile."""
    reference = payment_reference(line_id)
    if method not in _common.payment_methods():
        method = "other"
    ids = [i.id for i in invoices]
    async with api.atomic():
        locked = {}
        for invoice_id in sorted(ids):  # one order for every run: no deadlock
            row = await m.Invoice.filter(id=invoice_id).select_for_update().first()
            if row is not None:
                locked[invoice_id] = row
        carried = await m.Payment.filter(invoice_id__in=ids, reference=reference).values_list(
            "amount", flat=True
        )
        left = amount - sum((Decimal(str(a)) for a in carried), Decimal(0))
        for invoice_id in ids:
            invoice = locked.get(invoice_id)
            if left <= 0 or invoice is None or invoice.status != m.ISSUED:
                continue
            if await m.Payment.filter(invoice_id=invoice_id, reference=reference).exists():
                continue
            share = min(_common.money(left, invoice.currency), payments.balance(invoice))
            if share <= 0:
                continue
            await payments.register(
                api.SYSTEM, invoice_id, share, method, reference=reference, operation=FOLIO_INVOICE
            )
            left -= share
