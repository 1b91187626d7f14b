"""The counter sale: a quick sale at a desk, paid at once, within a cash session.

A cash session is a desk's drawer from opening (a float) to close (the cash counted). One open
session per desk: its ``open_key`` (site and desk) is UNIQUE while open and null once closed,
so two clerks opening one desk at once get one session and one SESSION_ALREADY_OPEN, on both
databases. Close computes what the drawer should hold (float + cash taken in the session - cash
refunded out of it, ``services.refunds``) and keeps the difference; a closed session takes no sale.

A sale is three transactions, in order: the draft (priced and taxed like any invoice, series
``counter_series``, to the party or the walk-in party), its issue (the gapless number taken
last), and the payment in full with the method given (in the session). The number is never
held across the payment. Should the payment fail, the sale is an issued, unpaid invoice.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_sales import models as m
from sportello_sales.services import _common, payments
from sportello_sales.services.invoices import drafts, events, issue
from sportello_sales.services.invoices.lines import LineInput

CASH_SESSION_OPEN = "cashSessionOpen"
CASH_SESSION_CLOSE = "cashSessionClose"
COUNTER_SALE_CREATE = "counterSaleCreate"
CASH_SESSION_CLOSED = "sales.cash_session.closed"


class CashSessionClosed(BaseModel):
    """Payload of sales.cash_session.closed: what accounting needs for cash over and short."""

    cash_session_id: int
    site_id: int
    desk: str
    currency: str
    opening_float: Decimal
    cash_taken: Decimal = Field(description="Cash payments registered in the session")
    cash_refunded: Decimal = Field(
        default=Decimal(0), description="Cash refunds paid out of the session's drawer"
    )
    expected_cash: Decimal = Field(description="Float plus cash taken less cash refunded")
    counted_cash: Decimal
    difference: Decimal = Field(description="Counted less expected (negative: missing)")


def normal_desk(desk: str) -> str:
    desk = desk.strip().upper()
    if not desk or len(desk) > 32:
        raise api.ServiceError("INVALID", "sales.invalid_desk", "desk")
    return desk


async def open_session(
    actor: api.Actor,
    site_id: int,
    desk: str,
    opening_float: Decimal,
) -> m.CashSession:
    """A session in the company currency (the drawer's)."""
    api.require_site(actor, site_id)
    code = normal_desk(desk)
    _common.check_amount(opening_float, "openingFloat", minimum=Decimal(0))
    cur = _common.settings().company_currency
    if _common.money(opening_float, cur) != opening_float:
        raise api.ServiceError("INVALID", "sales.too_many_decimals", "openingFloat")
    try:
        async with api.atomic():
            await api.get_or_error(api.SiteModel, site_id, "siteId")
            session = await m.CashSession.create(
                site_id=site_id,
                desk=code,
                open_key=open_key(site_id, code),
                currency=cur,
                opening_float=opening_float,
                opened_by_id=actor.user_id,
            )
            await api.record(
                actor, CASH_SESSION_OPEN, session, after={"desk": code, "float": opening_float}
            )
    except IntegrityError:
        raise api.ServiceError(
            "SESSION_ALREADY_OPEN", "sales.session_already_open", "desk"
        ) from None
    return session


def open_key(site_id: int, desk: str) -> str:
    """What the open session of a desk holds in its UNIQUE ``open_key``."""
    return f"{site_id}:{desk}"


def require_visible(actor: api.Actor, session: m.CashSession | None, field: str) -> None:
    """A session of another site is not found (as lists and node(id:) do not show it)."""
    try:
        if session is not None:
            api.require_site(actor, session.site_id)
    except api.ServiceError:
        session = None
    if session is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", field)


async def _open(actor: api.Actor, session_id: int, field: str) -> m.CashSession:
    session = await m.CashSession.filter(id=session_id).first()
    require_visible(actor, session, field)
    assert session is not None
    if session.status != m.OPEN:
        raise api.ServiceError("INVALID_STATUS", "sales.session_closed", field)
    return session


async def walk_in_party() -> int:
    name = _common.settings().walk_in_party_name
    party = await api.PartyModel.filter(display_name=name, anonymised_at=None).first()
    if party is None:
        party = await api.PartyModel.create(display_name=name, kind="person")
    return int(party.id)


async def sell(
    actor: api.Actor,
    session_id: int,
    lines: Sequence[LineInput],
    method: str,
    *,
    party_id: int | None = None,
    prices_include_tax: bool = True,
    reference: str = "",
) -> dict[str, Any]:
    """Issue a receipt for the lines and take its payment in full: ``{invoice, payment}``."""
    session = await _open(actor, session_id, "sessionId")
    _common.check_payment_method(method)
    buyer = party_id if party_id is not None else await walk_in_party()
    draft = await drafts.create(
        actor,
        buyer,
        lines,
        currency=session.currency,
        prices_include_tax=prices_include_tax,
        series_code=_common.settings().counter_series,
        operation=COUNTER_SALE_CREATE,
        # The desk's site: the sale belongs to its organisation (its ledger and numbering).
        site_id=session.site_id,
    )
    issued = await issue.issue(actor, draft.id)
    payment = None
    if issued.total > 0:
        # Closed meanwhile: INVALID_STATUS, and the sale stays an issued, unpaid receipt.
        payment = await payments.register(
            actor,
            issued.id,
            _common.money(issued.total, issued.currency),
            method,
            reference=reference,
            cash_session_id=session.id,
            operation=COUNTER_SALE_CREATE,
        )
    invoice = await m.Invoice.get(id=issued.id)
    return {"invoice": invoice, "payment": payment}


async def cash_taken(session_id: int) -> Decimal:
    amounts = await m.Payment.filter(cash_session_id=session_id, method="cash").values_list(
        "amount", flat=True
    )
    return sum((Decimal(a) for a in amounts), Decimal(0))


async def cash_refunded(session_id: int) -> Decimal:
    """Cash given back out of the session's drawer (cash refunds paid out of it)."""
    amounts = await m.Refund.filter(cash_session_id=session_id, method="cash").values_list(
        "amount", flat=True
    )
    return sum((Decimal(a) for a in amounts), Decimal(0))


async def close_session(
    actor: api.Actor, session_id: int, counted_cash: Decimal, notes: str = ""
) -> m.CashSession:
    _common.check_amount(counted_cash, "countedCash", minimum=Decimal(0))
    async with api.atomic():
        session = await m.CashSession.filter(id=session_id).select_for_update().first()
        require_visible(actor, session, "id")
        assert session is not None
        if session.status != m.OPEN:
            raise api.ServiceError("INVALID_STATUS", "sales.session_closed", "id")
        if _common.money(counted_cash, session.currency) != counted_cash:
            raise api.ServiceError("INVALID", "sales.too_many_decimals", "countedCash")
        # Payments and refunds land only while the row is open and locked by them: none is
        # missed here, none comes after.
        taken = await cash_taken(session.id)
        refunded = await cash_refunded(session.id)
        expected = session.opening_float + taken - refunded
        session.status = m.CLOSED
        session.open_key = None
        session.expected_cash = expected
        session.counted_cash = counted_cash
        session.difference = counted_cash - expected
        session.closed_at = _common.now()
        session.closed_by_id = actor.user_id
        session.notes = notes.strip()
        await session.save()
        await api.record(
            actor,
            CASH_SESSION_CLOSE,
            session,
            after={"expected": expected, "counted": counted_cash},
        )
        q = session.currency
        await api.publish(
            CASH_SESSION_CLOSED,
            CashSessionClosed(
                cash_session_id=session.id,
                site_id=session.site_id,
                desk=session.desk,
                currency=q,
                opening_float=events.money(session.opening_float, q),
                cash_taken=events.money(taken, q),
                cash_refunded=events.money(refunded, q),
                expected_cash=events.money(expected, q),
                counted_cash=events.money(counted_cash, q),
                difference=events.money(counted_cash - expected, q),
            ),
            aggregate=f"cash_session:{session.id}",
            site_id=session.site_id,
        )
    return session
