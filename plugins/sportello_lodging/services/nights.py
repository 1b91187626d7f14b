"""Room and city tax lines follow the nights of a stay: one line per night, posted night by
night by the night audit (or at checkout), corrected when the stay or its guests change.

Apart from the folio because the night audit, the desk and the registry all plan nights the same
way, and a night of a closed business day is corrected by reversal, not rewritten."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sportello_lodging import models as m
from sportello_lodging.services import business_days, clock, config
from sportello_lodging.services._common import column, money
from sportello_lodging.services.rates import night_price

#: The reason on the reversing line of a night restated after the night audit closed its day.
RESTATED = "restated"


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


def plan_nights(
    res: m.Reservation,
    lines: Sequence[m.FolioLine],
    births: Sequence[dt.date | None],
    until: dt.date,
) -> tuple[list[int], list[m.FolioLine]]:
    """What makes the room and city tax lines match the stay: the ids of lines to drop (nights
    no longer in the stay, a city tax counting other people) and the lines to post, one per
    night before ``until`` not posted yet. Nights from ``until`` on wait for the night audit
    (or the checkout); lines already posted for them stay."""
    wanted = set(clock.nights(res.arrival, res.departure))
    have: dict[tuple[str, dt.date], m.FolioLine] = {}
    stale = []
    restated = {line.reverses_id for line in lines if line.reason == RESTATED}
    # Voided lines and their reversals stay as they are: a voided night is not posted again,
    # unless it was restated (its day closed, its amount changed): then it is posted anew.
    for line in sorted(lines, key=lambda line: line.voided_at is None):
        if line.reverses_id is not None or line.id in restated:
            continue
        if line.night is not None and line.night in wanted and (line.kind, line.night) not in have:
            have[(line.kind, line.night)] = line
        elif line.voided_at is None:
            stale.append(line.id)
    tax = money(config.settings().city_tax_per_person_night)
    new = []
    for night in sorted(wanted):
        due = night < until
        if due and (m.ROOM, night) not in have:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.ROOM,
                    charge_code=m.ROOM_NIGHT,
                    description=f"Room night {night.isoformat()}",
                    night=night,
                    quantity=1,
                    unit_amount=night_price(res, night),
                    amount=night_price(res, night),
                )
            )
        persons = city_tax_persons(res.adults, res.children, night, births) if tax > 0 else 0
        tax_line = have.get((m.CITY_TAX, night))
        if tax_line is not None and tax_line.voided_at is None and tax_line.quantity != persons:
            stale.append(tax_line.id)
            tax_line = None
            due = due or (m.ROOM, night) in have  # a posted night keeps its city tax
        if due and persons > 0 and tax_line is None:
            new.append(
                m.FolioLine(
                    reservation_id=res.id,
                    kind=m.CITY_TAX,
                    charge_code=m.CITY_TAX_CODE,
                    description=f"City tax {night.isoformat()}",
                    night=night,
                    quantity=persons,
                    unit_amount=tax,
                    amount=money(tax * persons),
                )
            )
    return stale, new


async def sync_nights(res: m.Reservation, *, all_nights: bool = False) -> None:
    """Room and city tax lines match the nights of the stay (one line per night): the nights
    of the business days the night audit closed, or every night (``all_nights``: the checkout,
    so the closed folio holds the whole stay)."""
    last = await business_days.last_closed(res.site_id)
    if all_nights:
        until = res.departure
    else:
        until = last + dt.timedelta(days=1) if last is not None else res.arrival
    lines = await m.FolioLine.filter(reservation_id=res.id, kind__in=(m.ROOM, m.CITY_TAX))
    births: list[dt.date | None] = []
    if config.settings().city_tax_per_person_night > 0 and (
        config.settings().city_tax_exempt_under_age > 0
    ):
        registered = m.GuestRegistration.filter(reservation_id=res.id)
        births = await column(registered, "birth_date")
    stale, new = plan_nights(res, lines, births, until)
    if stale or new:
        day = await business_days.posting_day(res.site_id)
        await apply_plan(lines, stale, new, day, last)


async def apply_plan(
    lines: Iterable[m.FolioLine],
    stale: Sequence[int],
    new: Sequence[m.FolioLine],
    day: dt.date,
    last_closed: dt.date | None,
) -> None:
    """Drop the ``stale`` lines and post the ``new`` ones on business day ``day``.

    A stale line of a day the night audit closed is in that day's report and in what was
    handed over since: it is reversed on ``day`` (marked voided, a reversing line with reason
    ``restated``), never deleted or rewritten. Lines of open days are not reported yet and are
    simply replaced."""
    dropped = set(stale)
    closed = [
        line
        for line in lines
        if line.id in dropped
        and last_closed is not None
        and line.business_day is not None
        and line.business_day <= last_closed
    ]
    if len(closed) < len(dropped):
        kept = {line.id for line in closed}
        await m.FolioLine.filter(id__in=[i for i in dropped if i not in kept]).delete()
    if closed:
        await m.FolioLine.filter(id__in=[line.id for line in closed]).update(voided_at=clock.now())
    posted = [*(reversal_of(line, RESTATED) for line in closed), *new]
    for line in posted:
        line.business_day = day
    if posted:
        await m.FolioLine.bulk_create(posted)


def reversal_of(line: m.FolioLine, reason: str) -> m.FolioLine:
    """The line that takes ``line`` off the folio (a void, or a restated night): the same kind,
    code and night, negative quantity and amount, pointing at it with its reason."""
    return m.FolioLine(
        reservation_id=line.reservation_id,
        kind=line.kind,
        charge_code=line.charge_code,
        description=f"Void: {line.description}"[:200],
        night=line.night,
        quantity=-line.quantity,
        unit_amount=line.unit_amount,
        amount=-money(line.amount),
        reverses_id=line.id,
        reason=reason,
    )
