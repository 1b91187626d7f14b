"""The night audit's report (as GraphQL and as CSV) and the housekeeping board."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import AsyncIterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import strawberry

from sportello import api
from sportello_lodging import models
from sportello_lodging.graphql.types import Room
from sportello_lodging.services import housekeeping, night_report

AUDIT = "lodging.audit"


@strawberry.type(description="Revenue of one charge code posted on the business day.")
class NightAuditRevenue:
    charge_code: str
    label: str = strawberry.field(description="The charge in the client's language")
    amount: Decimal
    lines: int


@strawberry.type(
    description=(
        "A site's business day as the night audit reports it: occupancy and rates of the "
        "night, the day's movements and its revenue by charge code (every figure summed in SQL)."
    )
)
class NightAuditReport:
    site_id: strawberry.ID
    day: dt.date
    closed: bool = strawberry.field(description="The night audit closed the day")
    closed_at: dt.datetime | None
    rooms_available: int = strawberry.field(description="Rooms less those out of order")
    rooms_sold: int = strawberry.field(description="Rooms a stay held that night (in house)")
    occupancy: Decimal = strawberry.field(description="Rooms sold over rooms available, %")
    adr: Decimal = strawberry.field(description="Average daily rate: room revenue / rooms sold")
    revpar: Decimal = strawberry.field(
        description="Revenue per available room: room revenue / rooms available"
    )
    room_revenue: Decimal = strawberry.field(description="Room nights of the night")
    arrivals: int
    departures: int
    no_shows: int
    revenue: list[NightAuditRevenue] = strawberry.field(
        description="Charges posted on the day by charge code (voids net them)"
    )
    total_revenue: Decimal
    currency: str


def report_type(rep: night_report.DayReport, language: str) -> NightAuditReport:
    return NightAuditReport(
        site_id=api.encode_id("Site", rep.site_id),
        day=rep.day,
        closed=rep.closed_at is not None,
        closed_at=rep.closed_at,
        rooms_available=rep.rooms_available,
        rooms_sold=rep.rooms_sold,
        occupancy=rep.occupancy,
        adr=rep.adr,
        revpar=rep.revpar,
        room_revenue=rep.room_revenue,
        arrivals=rep.arrivals,
        departures=rep.departures,
        no_shows=rep.no_shows,
        revenue=[
            NightAuditRevenue(
                charge_code=r.charge_code,
                label=night_report.code_label(language, r.charge_code),
                amount=r.amount,
                lines=r.lines,
            )
            for r in rep.revenue
        ],
        total_revenue=rep.total_revenue,
        currency=rep.currency,
    )


@strawberry.enum(description="Why housekeeping goes to a room today.")
class HousekeepingTaskKind(enum.Enum):
    DUE_OUT = "due_out"
    STAY_OVER = "stay_over"
    ARRIVAL = "arrival"


@strawberry.type(description="A room housekeeping works on today, and why (no guest data).")
class HousekeepingTask:
    room: models.Room = strawberry.field(graphql_type=Room)
    kind: HousekeepingTaskKind
    arrival: dt.date
    departure: dt.date
    guests: int = strawberry.field(description="Adults and children in the room")


HousekeepingTaskConnection: Any = api.Connection[HousekeepingTask]  # type: ignore[type-var]


def _room_selections(info: strawberry.Info) -> list[Any]:
    return api.selections_at(api.node_selections(info), ("room",))


@dataclass(frozen=True)
class HousekeepingSource:
    """Today's stays at the site that housekeeping works on, by room (3 queries a page: the
    site's day, the stays, their rooms)."""

    site_id: int
    actor: api.Actor

    async def count(self) -> int:
        return await (await housekeeping.day_stays(self.actor, self.site_id))[1].count()

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[HousekeepingTask]:
        rows = await housekeeping.day_tasks(self.actor, self.site_id, offset, limit)
        if not rows:
            return []
        wanted = models.Room.filter(id__in={row["room_id"] for row in rows})
        rooms = {r.id: r for r in await api.load_selected(wanted, info, Room, _room_selections)}
        return [
            HousekeepingTask(
                room=rooms[row["room_id"]],
                kind=HousekeepingTaskKind(row["kind"]),
                arrival=row["arrival"],
                departure=row["departure"],
                guests=row["guests"],
            )
            for row in rows
        ]


async def _report(info: strawberry.Info, site_id: strawberry.ID, day: dt.date) -> Any:
    site = api.decode_id(site_id, "Site", "siteId")
    return await night_report.report(info.context.actor, site, day)


@strawberry.type
class NightAuditQueries:
    @api.query(
        AUDIT,
        description="The business day's report of the night audit (open days report so far).",
    )
    async def night_audit_report(
        self, info: strawberry.Info, site_id: strawberry.ID, day: dt.date
    ) -> NightAuditReport:
        rep = await _report(info, site_id, day)
        return report_type(rep, info.context.actor.language)

    @api.query(
        AUDIT,
        description=(
            "nightAuditReport as CSV (RFC 4180, comma, CRLF): label and value lines, then the "
            "revenue by charge code; labels in the client's language."
        ),
    )
    async def night_audit_report_csv(
        self, info: strawberry.Info, site_id: strawberry.ID, day: dt.date
    ) -> str:
        rep = await _report(info, site_id, day)
        return night_report.report_csv(rep, info.context.actor.language)

    @api.connection(
        HousekeepingTaskConnection,
        "lodging.housekeeping",
        description=(
            "Today's rooms for housekeeping at a site: due-outs (departing today), stay-overs "
            "(in house, staying on) and arrivals not checked in yet, by floor and room."
        ),
    )
    def housekeeping_tasks(
        self, info: strawberry.Info, site_id: strawberry.ID
    ) -> AsyncIterable[HousekeepingTask]:
        site = api.decode_id(site_id, "Site", "siteId")
        # A PagedSource, which the connection pages; strawberry wants an iterable annotation.
        return cast("AsyncIterable[HousekeepingTask]", HousekeepingSource(site, info.context.actor))
