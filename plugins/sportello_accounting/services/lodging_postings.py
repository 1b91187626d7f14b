"""Entries from the hotel's folio events when the sales office is off (with sales on, sales
invoices the folio and accounting posts the invoice). Posted from lodging's published payloads
alone (docs/events.md), never from lodging's tables.

- A payment or deposit taken while the stay is open is money on account: debit cash, bank or
  card clearing (``method:<method>``), credit customer advances (``advances``, a liability).
  Taken after the folio's close was posted, it settles the guest's receivable instead.
- A refund is the same, sides swapped: before the close it gives back an advance (a cancelled
  stay's deposit refunded with the close too); after it, the guest's receivable grows again.
- The closed folio recognises the stay: its charges (voids and their reversing lines left
  off) are credited by charge code (``charge:<code>``), split into net and VAT when the code's
  prices include VAT (the mapping's or ``charge_vat_rates``' rate; the VAT lines feed the VAT
  register); the advances taken are used up, what is left unpaid is the guest's receivable.
  Money held beyond the charges (a deposit kept for later) stays in advances.
- A void after checkout takes the charge back from revenue (and VAT) and from the receivable.

Each entry's source is the folio line (``folio.line:<id>``) or the folio
(``folio:<reservation>``): the ledger's UNIQUE source makes a redelivered event post once, and
``event.transaction()`` marks the delivery done in the same transaction. Folios in a currency
other than the company's carry no rate: such an event fails (retried, then parked).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import event_posting, organisations, posting
from sportello_accounting.services._common import CENT, local_day, settings
from sportello_accounting.services.mapping import Accounts
from sportello_accounting.services.open_items import Link, Opens

OFFICE = "lodging"
FOLIO_CLOSED = "lodging.folio.closed"
PAYMENT_ADDED = "lodging.folio.payment_added"
PAYMENT_REFUNDED = "lodging.folio.payment_refunded"
LINE_VOIDED = "lodging.folio.line_voided"
CHARGE_KINDS = {"room", "city_tax", "extra", "fee"}


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _check_currency(p: dict[str, Any]) -> None:
    if str(p.get("currency") or settings().currency) != settings().currency:
        raise api.ServiceError("INVALID", "accounting.folio_currency", "currency")


def _side(account: int, amount: Decimal, debit: bool, **kw: Any) -> posting.LineIn:
    """A line on the given side, flipped when the amount is negative."""
    if amount < 0:
        amount, debit = -amount, not debit
    return posting.LineIn(
        account, debit=amount if debit else None, credit=None if debit else amount, **kw
    )


def split_vat(gross: Decimal, rate: Decimal | None) -> tuple[Decimal, Decimal]:
    """(net, VAT) of a price that includes VAT at ``rate`` percent."""
    if not rate:
        return gross, Decimal(0)
    net = (gross * 100 / (100 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return net, gross - net


async def _charge_lines(
    acc: Accounts, charges: dict[str, Decimal], credit: bool, label: str
) -> list[posting.LineIn]:
    """Revenue (and VAT) of charges by code, on the credit side (debit for a void)."""
    out: list[posting.LineIn] = []
    vat: dict[Decimal, Decimal] = defaultdict(Decimal)
    for code in sorted(charges):
        gross = charges[code]
        if gross == 0:
            continue
        rate = await acc.tax_rate(code)
        net, tax = split_vat(gross, rate)
        out.append(
            _side(
                await acc.first(f"charge:{code}", "revenue"),
                net,
                not credit,
                label=f"{label} {code}",
                tax_rate=rate if rate is not None else None,
                tax_kind="base" if rate is not None else "",
            )
        )
        if rate is not None:
            vat[rate] += tax
    for rate, tax in sorted(vat.items()):
        if tax:
            out.append(
                _side(
                    await acc.first("vat"),
                    tax,
                    not credit,
                    label=f"{label} VAT {rate}%",
                    tax_rate=rate,
                    tax_kind="tax",
                )
            )
    return out


def folio_charges(lines: list[dict[str, Any]]) -> dict[str, Decimal]:
    """Charges by code, a voided line and its reversing line left off."""
    out: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line.get("kind") not in CHARGE_KINDS or line.get("voided"):
            continue
        if line.get("reverses_line_id") is not None:
            continue
        code = str(line.get("charge_code") or "EXTRA").upper()
        out[code] += _money(line["amount"])
    return dict(out)


async def folio_lines(p: dict[str, Any], organisation_id: int) -> list[posting.LineIn]:
    acc = Accounts(organisation_id)
    label = f"Folio {p['reservation_id']}"
    charges = folio_charges(p["lines"])
    revenue = await _charge_lines(acc, charges, True, label)
    if not revenue:
        return []
    total = sum(charges.values(), Decimal(0))
    paid = _money(p["paid"])
    used = min(max(paid, Decimal(0)), total)
    guest = int(p["guest_party_id"])
    lines = list(revenue)
    if used:
        lines.append(_side(await acc.first("advances"), used, True, party_id=guest, label=label))
    if total - used:
        lines.append(
            _side(await acc.first("receivable"), total - used, True, party_id=guest, label=label)
        )
    return lines


async def after_close(event: api.Event) -> bool:
    """Whether a money event came after the folio's closing entry: then it settles (or, a
    refund, reopens) the guest's receivable. A refund published with the close itself (a
    cancelled stay's deposit given back) is already netted in the folio's ``paid``: it comes
    before the close, so it returns an advance. Events are handled in publication order; the
    close's event id decides when the close was handled first."""
    p = event.payload
    if not p["folio_closed"]:
        return False
    close = await m.Entry.filter(
        source_office=OFFICE, source_document=f"folio:{p['reservation_id']}"
    ).first()
    return close is not None and (close.source_event or 0) < event.id


async def folio_party(reservation_id: int) -> int | None:
    """The party whose receivable the folio's close opened (a payment's payload names none)."""
    found = await m.OpenItem.filter(
        source_office=OFFICE, document=f"folio:{reservation_id}"
    ).values("line__party_id")
    party = found[0]["line__party_id"] if found else None
    return int(party) if party is not None else None


async def money_lines(
    p: dict[str, Any], refund: bool, receivable: bool, organisation_id: int
) -> list[posting.LineIn]:
    """A payment (or refund): money account against advances, or the receivable after the
    folio's close (the guest's, settling or reopening the folio's open item)."""
    acc = Accounts(organisation_id)
    amount = _money(p["amount"])
    method = str(p.get("method") or "")
    label = f"Folio {p['reservation_id']} {p['kind']} {method}".strip()
    money = await acc.first(f"method:{method}", "method") if method else await acc.first("method")
    other = await acc.first("receivable" if receivable else "advances")
    party = p.get("guest_party_id")
    if receivable and not party:
        party = await folio_party(int(p["reservation_id"]))
    return [
        _side(money, amount, not refund, label=label),
        _side(other, amount, refund, party_id=int(party) if party else None, label=label),
    ]


async def post_event(event: api.Event) -> tuple[m.Entry | None, bool]:
    """Post one lodging event (idempotent per folio or folio line); ``(None, False)`` when
    the event moves no money in the books (a void before checkout, a folio with no charge).
    Dated on the hotel's business day (the site's local date when the event carries none);
    the close opens the folio's receivable, what moves the receivable after it settles it."""
    p = event.payload
    _check_currency(p)
    org = await organisations.of_site(p.get("site_id"))
    line_id = p.get("line_id")
    receivable = await Accounts(org).first("receivable")
    folio = f"folio:{p['reservation_id']}"
    day = await local_day(event, p.get("site_id"))
    if event.name == FOLIO_CLOSED:
        lines = await folio_lines(p, org)
        journal, source = "sales", folio
        reference = f"Folio {p['reservation_id']}"
        links = [Link(receivable, int(p["guest_party_id"]), opens=Opens(folio, reference, day))]
    elif event.name == LINE_VOIDED:
        if not p["folio_closed"]:
            return None, False  # revenue is recognised only at checkout
        acc = Accounts(org)
        label = f"Folio {p['reservation_id']} void"
        amount = _money(p["amount"])
        code = str(p.get("charge_code") or "EXTRA").upper()
        lines = await _charge_lines(acc, {code: amount}, False, label)
        party = int(p["guest_party_id"])
        lines.append(_side(receivable, amount, False, party_id=party, label=label))
        journal, source = "sales", f"folio.void:{p['void_line_id']}"
        reference = f"Folio {p['reservation_id']} void"
        links = [Link(receivable, party, settles=folio)]
    else:
        refund = event.name == PAYMENT_REFUNDED
        settles = await after_close(event)
        lines = await money_lines(p, refund, settles, org)
        journal = "cash" if p.get("method") == "cash" else "bank"
        source = f"folio.line:{line_id}" if line_id is not None else f"event:{event.id}"
        reference = f"Folio {p['reservation_id']} {'refund' if refund else p['kind']}"
        links = [Link(receivable, lines[-1].party_id, settles=folio)] if settles else []
    if not lines:
        return None, False
    return await event_posting.post(
        event,
        OFFICE,
        journal,
        day,
        lines,
        organisation_id=org,
        reference=reference,
        source=source,
        links=links,
    )


handle = event_posting.transactional(post_event)


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    """Registered only when lodging is on and sales is off (with sales on, sales invoices the
    folio and its invoice and payments are posted instead: never both)."""
    if not enabled(OFFICE) or enabled("sales"):
        return []
    return event_posting.handlers(
        (PAYMENT_ADDED, PAYMENT_REFUNDED, FOLIO_CLOSED, LINE_VOIDED), handle
    )
