from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry import relay

from sportello.graphql.ids import decode_id, decode_optional, encode_id
from sportello.graphql.relay import Connection, scope_to_sites
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_counter import models, services
from sportello_counter.graphql.types import (
    Appointment,
    AppointmentSlot,
    AppointmentStatus,
    Counter,
    CounterService,
    CounterStatistics,
    CounterStatisticsRow,
    QueueTicket,
    TicketStatus,
)

VIEW = [requires("counter.view")]


def _id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    """Decode a filter argument; a malformed id matches nothing."""
    try:
        return decode_optional(value, type_name, field)
    except ServiceError:
        return -1


def _sites(info: strawberry.Info, site_id: int | None) -> list[int] | None:
    """The sites a list may show (None: every site), for site-local day filters."""
    if site_id is not None:
        return [site_id]
    visible = info.context.actor.site_ids
    return None if visible is None else sorted(visible)


def _bad_input(exc: ServiceError) -> GraphQLError:
    problem = exc.problems[0]
    return GraphQLError(
        f"Invalid argument {problem.field}: {problem.code}",
        extensions={"code": "BAD_USER_INPUT", "field": problem.field},
    )


def _row(row: services.StatRow) -> CounterStatisticsRow:
    return CounterStatisticsRow(
        key=row.key,
        label=row.label,
        day=row.day,
        service_id=strawberry.ID(encode_id("CounterService", row.service_id))
        if row.service_id is not None
        else None,
        counter_id=strawberry.ID(encode_id("Counter", row.counter_id))
        if row.counter_id is not None
        else None,
        clerk_user_id=strawberry.ID(encode_id("User", row.clerk_user_id))
        if row.clerk_user_id is not None
        else None,
        tickets=row.tickets,
        served=row.served,
        no_shows=row.no_shows,
        wait_mean=row.wait_mean,
        wait_p90=row.wait_p90,
        service_mean=row.service_mean,
        service_p90=row.service_p90,
        within_target_share=row.within_target_share,
    )


@strawberry.type
class CounterQueries:
    @relay.connection(Connection[CounterService], permission_classes=VIEW)
    def counter_services(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> Iterable[CounterService]:
        qs = models.CounterService.all()
        if site_id is not None:
            qs = qs.filter(site_id=_id(site_id, "Site", "siteId"))
        return scope_to_sites(qs, info.context.actor, "site_id")  # type: ignore[return-value]

    @relay.connection(Connection[Counter], permission_classes=VIEW)
    def counters(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> Iterable[Counter]:
        qs = models.Counter.all()
        if site_id is not None:
            qs = qs.filter(site_id=_id(site_id, "Site", "siteId"))
        qs = scope_to_sites(qs, info.context.actor, "site_id")
        return qs  # type: ignore[return-value]

    @relay.connection(
        Connection[QueueTicket],
        permission_classes=VIEW,
        description="Tickets, oldest first; by default today's (each site's local date).",
    )
    async def queue_tickets(
        self,
        info: strawberry.Info,
        service_id: strawberry.ID | None = None,
        status: TicketStatus | None = None,
        day: dt.date | None = None,
        site_id: strawberry.ID | None = None,
    ) -> Iterable[QueueTicket]:
        qs = models.Ticket.all()
        site = _id(site_id, "Site", "siteId") if site_id is not None else None
        if site is not None:
            qs = qs.filter(site_id=site)
        if day is None:
            qs = qs.filter(await services.today_filter(_sites(info, site)))
        else:
            qs = qs.filter(day=day)
        if service_id is not None:
            qs = qs.filter(service_id=_id(service_id, "CounterService", "serviceId"))
        if status is not None:
            qs = qs.filter(status=status.value)
        qs = scope_to_sites(qs, info.context.actor, "site_id").order_by("issued_at", "id")
        return qs  # type: ignore[return-value]

    @relay.connection(
        Connection[Appointment],
        permission_classes=VIEW,
        description="Appointments by slot time; `day` is a local date of each site.",
    )
    async def appointments(
        self,
        info: strawberry.Info,
        service_id: strawberry.ID | None = None,
        day: dt.date | None = None,
        status: AppointmentStatus | None = None,
        site_id: strawberry.ID | None = None,
    ) -> Iterable[Appointment]:
        qs = models.Appointment.all()
        site = _id(site_id, "Site", "siteId") if site_id is not None else None
        if site is not None:
            qs = qs.filter(site_id=site)
        if service_id is not None:
            qs = qs.filter(service_id=_id(service_id, "CounterService", "serviceId"))
        if day is not None:
            qs = qs.filter(await services.local_day_filter(_sites(info, site), day, "slot_at"))
        if status is not None:
            qs = qs.filter(status=status.value)
        qs = scope_to_sites(qs, info.context.actor, "site_id")
        return qs  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=VIEW,
        description="Bookable slots of a service on a day (none on a closed day).",
    )
    async def appointment_slots(
        self, info: strawberry.Info, service_id: strawberry.ID, day: dt.date
    ) -> list[AppointmentSlot]:
        try:
            sid = decode_id(service_id, "CounterService", "serviceId")
            found = await services.slots(info.context.actor, sid, day)
        except ServiceError:
            return []
        return [
            AppointmentSlot(
                start=s.start,
                end=s.end,
                capacity=s.capacity,
                booked=s.booked,
                available=s.available,
            )
            for s in found
        ]

    @strawberry.field(
        permission_classes=VIEW,
        description=(
            "Tickets, waiting and service times (minutes, mean and nearest-rank p90), no-shows and"
            " the share called within the service's target, per day, service, counter and clerk."
        ),
    )
    async def counter_statistics(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        to: dt.date,
    ) -> CounterStatistics:
        try:
            stats = await services.compute_statistics(
                info.context.actor, decode_id(site_id, "Site", "siteId"), from_, to
            )
        except ServiceError as exc:
            raise _bad_input(exc) from None
        return CounterStatistics(
            by_day=[_row(r) for r in stats.by_day],
            by_service=[_row(r) for r in stats.by_service],
            by_counter=[_row(r) for r in stats.by_counter],
            by_clerk=[_row(r) for r in stats.by_clerk],
            total=_row(stats.total),
        )
