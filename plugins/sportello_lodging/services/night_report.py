"""The day's report of the night audit, every figure an aggregate in SQL (a handful of queries
whatever the size of the hotel): occupancy, ADR, RevPAR, arrivals, departures, no-shows and
the revenue of the day by charge code; and the same as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet

from sportello import api
from sportello_lodging import labels
from sportello_lodging import models as m
from sportello_lodging.services._common import money

#: Statuses of a stay that was (or is) in the house.
STAYED = (m.CHECKED_IN, m.CHECKED_OUT)
#: Folio line kinds that are money in, not revenue.
CREDITS = (m.PAYMENT, m.DEPOSIT)


@dataclass
class Revenue:
    charge_code: str
    amount: Decimal
    lines: int


@dataclass
class DayReport:
    site_id: int
    day: dt.date
    closed_at: dt.datetime | None
    rooms: int
    rooms_out_of_order: int
    rooms_sold: int
    room_revenue: Decimal
    arrivals: int
    departures: int
    no_shows: int
    currency: str
    revenue: list[Revenue] = field(default_factory=list)

    @property
    def rooms_available(self) -> int:
        return max(self.rooms - self.rooms_out_of_order, 0)

    @property
    def occupancy(self) -> Decimal:
        """Rooms sold over rooms available, in percent."""
        if not self.rooms_available:
            return Decimal("0.00")
        return money(Decimal(100 * self.rooms_sold) / self.rooms_available)

    @property
    def adr(self) -> Decimal:
        """Average daily rate: room revenue of the night over rooms sold."""
        return money(self.room_revenue / self.rooms_sold) if self.rooms_sold else Decimal("0.00")

    @property
    def revpar(self) -> Decimal:
        """Revenue per available room: room revenue of the night over rooms available."""
        if not self.rooms_available:
            return Decimal("0.00")
        return money(self.room_revenue / self.rooms_available)

    @property
    def total_revenue(self) -> Decimal:
        return money(sum((r.amount for r in self.revenue), Decimal(0)))


async def _count(qs: QuerySet[Any]) -> int:
    return int(await qs.count())


async def _rooms(qs: QuerySet[Any]) -> int:
    """How many distinct rooms the rows name (one aggregate query)."""
    rows = await qs.annotate(n=Count("room_id", distinct=True)).values("n")
    return int(rows[0]["n"] or 0) if rows else 0


async def report(actor: api.Actor, site_id: int, day: dt.date) -> DayReport:
    site = await api.SiteModel.get_or_none(id=site_id)
    if site is None or not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    rooms = await _count(m.Room.filter(site_id=site_id))
    out_of_order = await _rooms(
        m.RoomClosure.filter(room__site_id=site_id, start__lte=day, end__gt=day)
    )
    sold = await _rooms(
        m.RoomStay.filter(
            room__site_id=site_id,
            start__lte=day,
            end__gt=day,
            reservation__status__in=STAYED,
        )
    )
    room_rows = (
        await m.FolioLine.filter(reservation__site_id=site_id, kind=m.ROOM, night=day)
        .annotate(total=Sum("amount"))
        .values("total")
    )
    room_revenue = money(room_rows[0]["total"] or 0) if room_rows else Decimal("0.00")
    stays = m.Reservation.filter(site_id=site_id)
    arrivals = await _count(stays.filter(arrival=day, status__in=STAYED))
    departures = await _count(stays.filter(departure=day, status=m.CHECKED_OUT))
    no_shows = await _count(stays.filter(arrival=day, status=m.NO_SHOW))
    rows = (
        await m.FolioLine.filter(reservation__site_id=site_id, business_day=day)
        .exclude(kind__in=CREDITS)
        .annotate(total=Sum("amount"), n=Count("id"))
        .group_by("charge_code")
        .order_by("charge_code")
        .values("charge_code", "total", "n")
    )
    closed = await m.BusinessDay.get_or_none(site_id=site_id, day=day)
    return DayReport(
        site_id=site_id,
        day=day,
        closed_at=closed.closed_at if closed is not None else None,
        rooms=rooms,
        rooms_out_of_order=out_of_order,
        rooms_sold=sold,
        room_revenue=room_revenue,
        arrivals=arrivals,
        departures=departures,
        no_shows=no_shows,
        currency=await _currency(),
        revenue=[
            Revenue(row["charge_code"] or m.EXTRA_CODE, money(row["total"] or 0), int(row["n"]))
            for row in rows
        ],
    )


async def _currency() -> str:
    from sportello_lodging.services import config

    return config.settings().currency


def code_label(language: str, code: str) -> str:
    """A charge code as the report prints it: lodging's own codes translated, others as is."""
    key = labels.CODE_LABELS.get(code)
    return labels.text(language, key, night="").strip() if key else code


def report_csv(rep: DayReport, language: str) -> str:
    """The report as CSV (RFC 4180, comma, CRLF): label and value, then one line per charge
    code; labels in ``language``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def label(key: str) -> str:
        return labels.text(language, f"lodging.report.{key}")

    writer.writerow([label("figure"), label("value")])
    writer.writerow([label("day"), rep.day.isoformat()])
    writer.writerow([label("closed"), rep.closed_at.isoformat() if rep.closed_at else ""])
    for key, value in (
        ("rooms_available", rep.rooms_available),
        ("rooms_sold", rep.rooms_sold),
        ("occupancy", rep.occupancy),
        ("adr", rep.adr),
        ("revpar", rep.revpar),
        ("arrivals", rep.arrivals),
        ("departures", rep.departures),
        ("no_shows", rep.no_shows),
    ):
        writer.writerow([label(key), str(value)])
    writer.writerow([])
    writer.writerow([label("charge_code"), label("revenue"), label("currency")])
    for row in rep.revenue:
        writer.writerow([code_label(language, row.charge_code), str(row.amount), rep.currency])
    writer.writerow([label("total"), str(rep.total_revenue), rep.currency])
    return out.getvalue()
