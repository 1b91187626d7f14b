"""Entries from the sales office's events, posted from their payloads alone (no import of
sales): an invoice debits the receivable and credits revenue and output VAT, a credit note
does the reverse, a payment debits cash, bank or card clearing and credits the receivable, a
refund (money paid back on a payment) debits the receivable and credits the account of the
way the money went back.

Each posting's source is the sales document (``invoice:12``, ``payment:7``, ``refund:3``): the ledger's
UNIQUE source makes it idempotent, and ``event.transaction()`` marks the delivery done with
it. Foreign-currency documents post in their currency at the document's rate; the cents
lost to conversion go to the rounding account (see ``posting``). Each posts into the ledger of
the document's organisation (the event's ``organisation_id``), else its site's organisation's,
else the only ledger (ORGANISATION_REQUIRED, retried then parked, when there are several).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import event_posting, organisations, posting
from sportello_accounting.services._common import local_day, settings, to_cents
from sportello_accounting.services.mapping import Accounts
from sportello_accounting.services.open_items import Link, Opens

OFFICE = "sales"
INVOICE_ISSUED = "sales.invoice.issued"
CREDIT_NOTE_ISSUED = "sales.credit_note.issued"
PAYMENT_REGISTERED = "sales.payment.registered"
PAYMENT_REFUNDED = "sales.payment.refunded"
CASH_SESSION_CLOSED = "sales.cash_session.closed"
#: Natures outside the VAT register (out of scope: city tax, deposits).
OUT_OF_SCOPE = ("N1", "N2")


def _line(
    account: int, amount: Decimal, credit: bool, rate: Decimal | None, currency: str, **kw: Any
) -> posting.LineIn:
    """A line on the natural side, flipped when the amount is negative (a discount)."""
    if amount < 0:
        amount, credit = -amount, not credit
    return posting.LineIn(
        account,
        debit=None if credit else amount,
        credit=amount if credit else None,
        currency=currency,
        rate=rate,
        **kw,
    )


def _rate(p: dict[str, Any]) -> Decimal | None:
    return None if p["currency"] == settings().currency else Decimal(str(p["exchange_rate"]))


async def document_lines(p: dict[str, Any], organisation_id: int) -> list[posting.LineIn]:
    """The lines of an invoice (credit note: the same, sides swapped)."""
    acc = Accounts(organisation_id)
    reverse = p["kind"] == "credit_note"
    cur, rate = p["currency"], _rate(p)
    rates = {t["tax_code"]: t for t in p["taxes"]}
    label = f"{p['number']}"
    lines = [
        _line(
            await acc.first("receivable"),
            Decimal(str(p["total"])),
            reverse,
            rate,
            cur,
            party_id=p["party_id"],
            label=label,
        )
    ]
    for c in p["categories"]:
        net = Decimal(str(c["net"]))
        if net == 0:
            continue
        tax = rates.get(c["tax_code"], {})
        in_register = tax and (tax.get("nature") or "")[:2] not in OUT_OF_SCOPE
        account = await acc.first(
            f"charge:{c['charge_code']}", f"category:{c['category']}", "revenue"
        )
        lines.append(
            _line(
                account,
                net,
                not reverse,
                rate,
                cur,
                label=f"{label} {c['charge_code'] or c['category']}".strip(),
                tax_rate=Decimal(str(tax["rate"])) if in_register else None,
                tax_kind="base" if in_register else "",
            )
        )
    for t in p["taxes"]:
        amount = Decimal(str(t["tax"]))
        if amount == 0:
            continue
        lines.append(
            _line(
                await acc.first(f"vat:{t['tax_code']}", "vat"),
                amount,
                not reverse,
                rate,
                cur,
                label=f"{label} VAT {t['tax_code']}",
                tax_rate=Decimal(str(t["rate"])),
                tax_kind="tax",
            )
        )
    return lines


async def payment_lines(p: dict[str, Any], organisation_id: int) -> list[posting.LineIn]:
    acc = Accounts(organisation_id)
    cur, rate = p["currency"], _rate(p)
    amount = Decimal(str(p["amount"]))
    label = f"{p['invoice_number']} {p['method']}"
    money = await acc.first(f"method:{p['method']}", "method")
    receivable = await acc.first("receivable")
    return [
        _line(money, amount, False, rate, cur, label=label),
        _line(receivable, amount, True, rate, cur, party_id=p["party_id"], label=label),
    ]


async def refund_lines(p: dict[str, Any], organisation_id: int) -> list[posting.LineIn]:
    """Money paid back to the party: debit its receivable, credit the cash, bank or card
    account of the way it went back (mapped as a payment's method)."""
    acc = Accounts(organisation_id)
    cur, rate = p["currency"], _rate(p)
    amount = Decimal(str(p["amount"]))
    label = f"{p['invoice_number']} refund {p['method']}"
    money = await acc.first(f"method:{p['method']}", "method")
    receivable = await acc.first("receivable")
    return [
        _line(receivable, amount, False, rate, cur, party_id=p["party_id"], label=label),
        _line(money, amount, True, rate, cur, label=label),
    ]


def _company_cents(p: dict[str, Any], amount: Decimal) -> int:
    rate = _rate(p)
    return to_cents(amount if rate is None else amount * rate)


async def cash_difference_lines(p: dict[str, Any], organisation_id: int) -> list[posting.LineIn]:
    """A drawer counted over (short): debit (credit) cash against the cash difference account.
    The session's cash payments are already posted one by one (``payment_lines``): only the
    difference is new."""
    difference = Decimal(str(p["difference"]))
    if difference == 0:
        return []
    acc = Accounts(organisation_id)
    rate = None  # the drawer's currency is the company's (checked by the caller)
    label = f"Cash session {p['desk']} #{p['cash_session_id']}"
    cash = await acc.first("method:cash", "method")
    other = await acc.first("cash_difference")
    cur = p["currency"]
    return [
        _line(cash, difference, False, rate, cur, label=label),
        _line(other, difference, True, rate, cur, label=label),
    ]


async def links(p: dict[str, Any], event: str, organisation_id: int) -> list[Link]:
    """The receivable line of an invoice opens it (due on its due date, else its issue date);
    a payment settles the invoice it pays, a credit note the invoice it corrects; a refund
    reopens the invoice it was paid on as far as the invoice is owed again (the payload's
    balance): refunding what a credit note left owed reopens nothing."""
    receivable = await Accounts(organisation_id).first("receivable")
    party = p["party_id"]
    if event == PAYMENT_REGISTERED:
        return [Link(receivable, party, settles=f"invoice:{p['invoice_id']}")]
    if event == PAYMENT_REFUNDED:
        owed = _company_cents(p, max(Decimal(str(p["balance"])), Decimal(0)))
        return [Link(receivable, party, reopens=f"invoice:{p['invoice_id']}", leaves_open=owed)]
    if p["kind"] == "credit_note":
        corrects = p.get("corrects_invoice_id")
        return [Link(receivable, party, settles=f"invoice:{corrects}")] if corrects else []
    due = dt.date.fromisoformat(str(p.get("due_date") or p["issue_date"]))
    opens = Opens(f"invoice:{p['invoice_id']}", str(p["number"]), due)
    return [Link(receivable, party, opens=opens)]


async def post_event(event: api.Event) -> tuple[m.Entry | None, bool]:
    """Post one sales event (idempotent per source document); ``(None, False)`` when it moves
    nothing (a cash session counted exactly)."""
    p = event.payload
    # The document's organisation decides the ledger (sales names it on its invoices,
    # payments and refunds); else its site's; a document of neither posts into the only ledger.
    named = p.get("organisation_id")
    org = named if isinstance(named, int) else await organisations.of_site(p.get("site_id"))
    if event.name == CASH_SESSION_CLOSED:
        if p["currency"] != settings().currency:
            raise api.ServiceError("INVALID", "accounting.invalid", "currency")
        lines = await cash_difference_lines(p, org)
        if not lines:
            return None, False
        return await event_posting.post(
            event,
            OFFICE,
            "cash",
            await local_day(event, p["site_id"]),
            lines,
            organisation_id=org,
            reference=f"Cash difference {p['desk']}",
            source=f"cash_session:{p['cash_session_id']}",
        )
    if event.name == PAYMENT_REGISTERED:
        lines = await payment_lines(p, org)
        kind = "cash" if p["method"] == "cash" else "bank"
        day, source = p["paid_on"], f"payment:{p['payment_id']}"
        reference = f"Payment {p['invoice_number']}"
    elif event.name == PAYMENT_REFUNDED:
        lines = await refund_lines(p, org)
        kind = "cash" if p["method"] == "cash" else "bank"
        day, source = p["refunded_on"], f"refund:{p['refund_id']}"
        reference = f"Refund {p['invoice_number']}"
    else:
        lines = await document_lines(p, org)
        kind, day, source = "sales", p["issue_date"], f"{p['kind']}:{p['invoice_id']}"
        reference = str(p["number"])
    return await event_posting.post(
        event,
        OFFICE,
        kind,
        dt.date.fromisoformat(str(day)),
        lines,
        organisation_id=org,
        reference=reference,
        source=source,
        links=await links(p, event.name, org),
    )


handle = event_posting.transactional(post_event)


def handlers(enabled: Callable[[str], bool]) -> list[api.EventHandler]:
    """Registered only when sales is on (a handler of an undeclared event stops the startup)."""
    if not enabled(OFFICE):
        return []
    names = (
        INVOICE_ISSUED,
        CREDIT_NOTE_ISSUED,
        PAYMENT_REGISTERED,
        PAYMENT_REFUNDED,
        CASH_SESSION_CLOSED,
    )
    return event_posting.handlers(names, handle)
