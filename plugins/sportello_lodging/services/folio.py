"""What a stay costs and what was paid: room and city tax lines follow the nights, charges and
payments go on an open folio, the closed folio is published once. Lists read a folio's totals
summed in SQL and its lines a page at a time, for a page of folios at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tortoise.functions import Count, Sum

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import billing, clock, config
from sportello_lodging.services._common import (
    locked_reservation,
    money,
    visible_reservation,
)
from sportello_lodging.services.events import (
    FOLIO_CLOSED,
    FOLIO_PAYMENT_ADDED,
    FolioClosed,
    FolioClosedLine,
    FolioPaymentAdded,
)
from sportello_lodging.services.nights import city_tax_persons
from sportello_lodging.services.rates import night_price

#: Folio line kinds that pay (the others are charges).
CREDITS = (m.PAYMENT, m.DEPOSIT)
#: Charge codes lodging posts itself: an extra cannot take them.
RESERVED_CODES = (m.ROOM_NIGHT, m.CITY_TAX_CODE, m.CANCELLATION_FEE, m.NO_SHOW_FEE)
#: Statuses whose folio takes charges and deposits.
OPEN = (m.CONFIRMED, m.CHECKED_IN)
#: Statuses whose folio takes payments: a folio closed unpaid (at checkout, or a fee at a
#: cancellation or no-show beyond the deposit) is settled later.
PAYABLE = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT, m.CANCELLED, m.NO_SHOW)


@dataclass
class Folio:
    lines: list[m.FolioLine] = field(default_factory=list)
    currency: str = "EUR"

    @property
    def charges(self) -> list[m.FolioLine]:
        return [line for line in self.lines if line.kind not in CREDITS]

    @property
    def payments(self) -> list[m.FolioLine]:
        return [line for line in self.lines if line.kind in CREDITS]

    @property
    def total(self) -> Decimal:
        return money(sum((line.amount for line in self.charges), Decimal(0)))

    @property
    def paid(self) -> Decimal:
        return money(sum((line.amount for line in self.payments), Decimal(0)))

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid


def folio_of(res: m.Reservation, lines: Iterable[m.FolioLine]) -> Folio:
    return Folio(sorted(lines, key=lambda line: line.id), res.currency)


async def load_folio(res: m.Reservation) -> Folio:
    """Every line of the folio (the checkout publishes them all)."""
    return folio_of(res, await m.FolioLine.filter(reservation_id=res.id))


@dataclass(frozen=True)
class Totals:
    """A folio's sums, without its lines."""

    total: Decimal = Decimal("0.00")
    paid: Decimal = Decimal("0.00")
    lines: int = 0

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid


async def folio_totals(reservation_ids: Sequence[int]) -> dict[int, Totals]:
    """Each folio's charges, payments and number of lines, summed in SQL: one query for a page
    of reservations, whatever their lines (a folio without lines is absent)."""
    rows = (
        await m.FolioLine.filter(reservation_id__in=list(reservation_ids))
        .annotate(amount_sum=Sum("amount"), line_count=Count("id"))
        .group_by("reservation_id", "kind")
        .values("reservation_id", "kind", "amount_sum", "line_count")
    )
    sums: dict[int, tuple[Decimal, Decimal, int]] = {}
    for row in rows:
        total, paid, count = sums.get(row["reservation_id"], (Decimal(0), Decimal(0), 0))
        amount = money(row["amount_sum"] or 0)
        if row["kind"] in CREDITS:
            paid += amount
        else:
            total += amount
        sums[row["reservation_id"]] = (total, paid, count + row["line_count"])
    return {rid: Totals(money(t), money(p), n) for rid, (t, p, n) in sums.items()}


async def line_pages(
    reservation_ids: Sequence[int], offset: int, limit: int
) -> dict[int, list[m.FolioLine]]:
    """Lines ``offset`` to ``offset + limit`` (in posting order) of each folio: one query for
    any number of folios, a window function numbering each folio's lines."""
    if not reservation_ids or limit <= 0:
        return {}
    meta = m.FolioLine._meta  # read once the ORM is up: it adds the foreign keys' columns
    columns = ", ".join(f'"{column}"' for column in meta.fields_db_projection.values())
    ids = ", ".join(str(int(rid)) for rid in reservation_ids)
    first, last = int(offset), int(offset) + int(limit)
    numbered = (
        f'SELECT {columns}, ROW_NUMBER() OVER (PARTITION BY "reservation_id" ORDER BY "id") '
        f'AS "position" FROM "{meta.db_table}" WHERE "reservation_id" IN ({ids})'
    )
    lines: list[m.FolioLine] = await m.FolioLine.raw(
        f'SELECT {columns} FROM ({numbered}) AS "numbered" '
        f'WHERE "position" > {first} AND "position" <= {last} ORDER BY "reservation_id", "id"'
    )
    pages: dict[int, list[m.FolioLine]] = {}
    for line in lines:
        pages.setdefault(line.reservation_id, []).append(line)
    return pages


def closed_line(line: m.FolioLine) -> FolioClosedLine:
    return FolioClosedLine(
        line_id=line.id,
        kind=line.kind,
        charge_code=line.charge_code,
        description=line.description,
        night=line.night,
        quantity=line.quantity,
        unit_amount=str(money(line.unit_amount)),
        amount=str(money(line.amount)),
        method=line.method or None,
        reverses_line_id=line.reverses_id,
        voided=line.voided_at is not None,
        reason=line.reason,
    )


async def publish_closed(res: m.Reservation, folio: Folio) -> None:
    """``FOLIO_CLOSED``: the folio, every line, as it stood when the stay was checked out (or
    settled at a cancellation or no-show)."""
    bill_to, routed = await billing.of(res.id)
    payload = FolioClosed(
        bill_to_party_id=bill_to,
        bill_to_charge_codes=routed,
        reservation_id=res.id,
        guest_party_id=res.guest_id,
        site_id=res.site_id,
        lines=[closed_line(line) for line in folio.lines],
        total=str(folio.total),
        paid=str(folio.paid),
        balance=str(folio.balance),
        currency=folio.currency,
        reservation_status=res.status,
    )
    await api.publish(
        FOLIO_CLOSED,
        payload,
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )


def _open_folio_error() -> api.ServiceError:
    return api.ServiceError("FOLIO_CLOSED", "lodging.folio_closed", "reservationId")


async def open_folio(
    actor: api.Actor, reservation_id: int, statuses: tuple[str, ...] = OPEN
) -> m.Reservation:
    res = await locked_reservation(actor, reservation_id)
    if res.status not in statuses:
        raise _open_folio_error()
    return res


def normal_charge_code(code: str) -> str:
    """An extra's charge code in upper case (MINIBAR); INVALID when it is not a code or is one
    lodging posts itself (ROOM_NIGHT, CITY_TAX, the fees)."""
    code = code.strip().upper() or m.EXTRA_CODE
    valid = (
        len(code) <= 32
        and code[0].isalpha()
        and all(c.isascii() and (c.isalnum() or c == "_") for c in code)
    )
    if not valid or code in RESERVED_CODES:
        raise api.ServiceError("INVALID", "lodging.invalid_charge_code", "chargeCode")
    return code


def check_method(method: str, field_name: str = "method") -> str:
    method = method.strip().lower()
    methods = config.settings().all_payment_methods()
    if method not in methods:
        raise api.ServiceError(
            "INVALID_METHOD",
            "lodging.invalid_payment_method",
            field_name,
            methods=", ".join(methods),
        )
    return method


async def add_charge(
    actor: api.Actor,
    reservation_id: int,
    description: str,
    unit_amount: Decimal,
    quantity: int = 1,
    charge_code: str = m.EXTRA_CODE,
) -> m.FolioLine:
    problems: list[api.Problem] = []
    if not description.strip():
        problems.append(api.Problem("REQUIRED", "core.required", "description"))
    if unit_amount <= 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "unitAmount"))
    if quantity < 1:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "quantity"))
    try:
        code = normal_charge_code(charge_code)
    except api.ServiceError as exc:
        problems.extend(exc.problems)
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await open_folio(actor, reservation_id)
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.EXTRA,
            charge_code=code,
            description=description.strip(),
            quantity=quantity,
            unit_amount=money(unit_amount),
            amount=money(unit_amount * quantity),
        )
        await api.record(
            actor,
            "folioChargeAdd",
            line,
            after={
                "reservation_id": res.id,
                "description": description,
                "charge_code": code,
                "amount": line.amount,
            },
            site_id=res.site_id,
        )
    return line


async def amount_due(res: m.Reservation, folio: Folio) -> Decimal:
    """What the guest still owes for the whole stay: the balance plus the nights not posted yet
    (room and city tax at the booked rate), so a deposit before arrival is measured against the
    stay, not against an empty folio."""
    if res.status not in OPEN:
        return folio.balance
    posted = {line.night for line in folio.lines if line.kind == m.ROOM and line.night}
    missing = [n for n in clock.nights(res.arrival, res.departure) if n not in posted]
    tax = money(config.settings().city_tax_per_person_night)
    ahead = sum(
        (
            night_price(res, n) + tax * city_tax_persons(res.adults, res.children, n)
            for n in missing
        ),
        Decimal(0),
    )
    return money(folio.balance + ahead)


async def add_payment(
    actor: api.Actor,
    reservation_id: int,
    amount: Decimal,
    method: str = "card",
    deposit: bool = False,
    confirm_overpayment: bool = False,
) -> m.FolioLine:
    """A payment or a deposit, by one of the configured methods. A folio closed unpaid at
    checkout (manager override) still takes payments, never deposits or charges, so it can be
    settled later. A payment beyond what is due (plus ``overpayment_tolerance``) is refused
    with OVERPAYMENT unless ``confirm_overpayment``."""
    if amount <= 0:
        raise api.ServiceError("INVALID", "lodging.invalid_amount", "amount")
    method = check_method(method)
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await open_folio(actor, reservation_id, OPEN if deposit else PAYABLE)
        due = await amount_due(res, await load_folio(res))
        if money(amount) > due + config.settings().overpayment_tolerance and not (
            confirm_overpayment
        ):
            raise api.ServiceError(
                "OVERPAYMENT",
                "lodging.overpayment",
                "amount",
                due=str(max(due, Decimal("0.00"))),
                currency=res.currency,
            )
        label = "Deposit" if deposit else "Payment"
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.DEPOSIT if deposit else m.PAYMENT,
            method=method,
            description=f"{label} ({method})",
            quantity=1,
            unit_amount=money(amount),
            amount=money(amount),
        )
        totals = (await folio_totals([res.id]))[res.id]
        await api.record(
            actor,
            "folioPaymentAdd",
            line,
            after={
                "reservation_id": res.id,
                "amount": line.amount,
                "deposit": deposit,
                "method": method,
                "overpayment": money(amount) > due,
            },
            site_id=res.site_id,
        )
        await api.publish(
            FOLIO_PAYMENT_ADDED,
            FolioPaymentAdded(
                reservation_id=res.id,
                site_id=res.site_id,
                line_id=line.id,
                kind=line.kind,
                method=method,
                amount=str(line.amount),
                balance=str(totals.balance),
                currency=res.currency,
                folio_closed=res.status not in OPEN,
            ),
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,
        )
    return line
