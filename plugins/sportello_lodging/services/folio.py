"""What a stay costs and what was paid: room and city tax lines follow the nights, charges and
payments go on an open folio, the closed folio is published once. Lists read a folio's totals
summed in SQL and its lines a page at a time, for a page of folios at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from tortoise.functions import Count, Sum

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock, config
from sportello_lodging.services._common import (
    column,
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

#: Folio line kinds that pay (the others are charges).
CREDITS = (m.PAYMENT, m.DEPOSIT)
#: Statuses whose folio takes charges and deposits.
OPEN = (m.CONFIRMED, m.CHECKED_IN)
#: Statuses whose folio takes payments: a folio closed unpaid at checkout is settled later.
PAYABLE = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def city_tax_persons(
    adults: int, children: int, night: dt.date, birth_dates: Sequence[dt.date | None] = ()
) -> int:
    """People who pay the city tax for one night.

    ``city_tax_exempt_under_age`` 0 (the default): everyone, children included. Otherwise
    guests younger than that age on the night are exempt: their age comes from the guest
    registry when it covers everyone in the room (a missing birth date counts as paying),
    else the reservation's children are taken as exempt and its adults as paying.
    """
    limit = config.settings().city_tax_exempt_under_age
    if limit <= 0:
        return adults + children
    if birth_dates and len(birth_dates) >= adults + children:
        return sum(1 for b in birth_dates if b is None or _age(b, night) >= limit)
    return adults


async def sync_nights(res: m.Reservation) -> None:
    """Room and city tax lines match the nights of the stay exactly (one line per night)."""
    wanted = set(clock.nights(res.arrival, res.departure))
    lines = await m.FolioLine.filter(reservation_id=res.id, kind__in=(m.ROOM, m.CITY_TAX))
    have: dict[tuple[str, dt.date], m.FolioLine] = {}
    stale = []
    for line in lines:
        if line.night is not None and line.night in wanted and (line.kind, line.night) not in have:
            have[(line.kind, line.night)] = line
        else:
            stale.append(line.id)
    tax = money(config.settings().city_tax_per_person_night)
    births: list[dt.date | None] = []
    if tax > 0 and config.settings().city_tax_exempt_under_age > 0:
        registered = m.GuestRegistration.filter(reservation_id=res.id)
        births = await column(registered, "birth_date")
    new = []
    for night in sorted(wanted):
        if (m.ROOM, night) not in have:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.ROOM,
                    description=f"Room night {night.isoformat()}",
                    night=night,
                    quantity=1,
                    unit_amount=res.rate,
                    amount=money(res.rate),
                )
            )
        persons = city_tax_persons(res.adults, res.children, night, births) if tax > 0 else 0
        tax_line = have.get((m.CITY_TAX, night))
        if tax_line is not None and tax_line.quantity != persons:
            stale.append(tax_line.id)
            tax_line = None
        if persons > 0 and tax_line is None:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.CITY_TAX,
                    description=f"City tax {night.isoformat()}",
                    night=night,
                    quantity=persons,
                    unit_amount=tax,
                    amount=money(tax * persons),
                )
            )
    if stale:
        await m.FolioLine.filter(id__in=stale).delete()
    if new:
        await m.FolioLine.bulk_create(new)


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


async def publish_closed(res: m.Reservation, folio: Folio) -> None:
    """``FOLIO_CLOSED``: the folio, every line, as it stood when the stay was checked out."""
    payload = FolioClosed(
        reservation_id=res.id,
        guest_party_id=res.guest_id,
        site_id=res.site_id,
        lines=[
            FolioClosedLine(
                kind=line.kind,
                description=line.description,
                night=line.night,
                quantity=line.quantity,
                unit_amount=str(money(line.unit_amount)),
                amount=str(money(line.amount)),
            )
            for line in folio.lines
        ],
        total=str(folio.total),
        paid=str(folio.paid),
        currency=folio.currency,
    )
    await api.publish(
        FOLIO_CLOSED,
        payload,
        aggregate=f"reservation:{res.id}",
        site_id=res.site_id,
    )


def _open_folio_error() -> api.ServiceError:
    return api.ServiceError("FOLIO_CLOSED", "lodging.folio_closed", "reservationId")


async def _open_folio(
    actor: api.Actor, reservation_id: int, statuses: tuple[str, ...] = OPEN
) -> m.Reservation:
    res = await locked_reservation(actor, reservation_id)
    if res.status not in statuses:
        raise _open_folio_error()
    return res


async def add_charge(
    actor: api.Actor,
    reservation_id: int,
    description: str,
    unit_amount: Decimal,
    quantity: int = 1,
) -> m.FolioLine:
    problems: list[api.Problem] = []
    if not description.strip():
        problems.append(api.Problem("REQUIRED", "core.required", "description"))
    if unit_amount <= 0:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "unitAmount"))
    if quantity < 1:
        problems.append(api.Problem("INVALID", "lodging.invalid_amount", "quantity"))
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await _open_folio(actor, reservation_id)
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.EXTRA,
            description=description.strip(),
            quantity=quantity,
            unit_amount=money(unit_amount),
            amount=money(unit_amount * quantity),
        )
        await api.record(
            actor,
            "folioChargeAdd",
            line,
            after={"reservation_id": res.id, "description": description, "amount": line.amount},
            site_id=res.site_id,
        )
    return line


async def add_payment(
    actor: api.Actor,
    reservation_id: int,
    amount: Decimal,
    method: str = "card",
    deposit: bool = False,
) -> m.FolioLine:
    """A payment or a deposit. A folio closed unpaid at checkout (manager override) still takes
    payments, never deposits or charges, so it can be settled later."""
    if amount <= 0:
        raise api.ServiceError("INVALID", "lodging.invalid_amount", "amount")
    await visible_reservation(actor, reservation_id)
    async with api.atomic():
        res = await _open_folio(actor, reservation_id, OPEN if deposit else PAYABLE)
        line = await m.FolioLine.create(
            reservation=res,
            kind=m.DEPOSIT if deposit else m.PAYMENT,
            description=f"{'Deposit' if deposit else 'Payment'} ({method.strip() or 'card'})",
            quantity=1,
            unit_amount=money(amount),
            amount=money(amount),
        )
        totals = (await folio_totals([res.id]))[res.id]
        await api.record(
            actor,
            "folioPaymentAdd",
            line,
            after={"reservation_id": res.id, "amount": line.amount, "deposit": deposit},
            site_id=res.site_id,
        )
        await api.publish(
            FOLIO_PAYMENT_ADDED,
            FolioPaymentAdded(
                reservation_id=res.id,
                site_id=res.site_id,
                kind=line.kind,
                amount=str(line.amount),
                balance=str(totals.balance),
                currency=res.currency,
                folio_closed=res.status == m.CHECKED_OUT,
            ),
            aggregate=f"reservation:{res.id}",
            site_id=res.site_id,
        )
    return line
