from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import Annotated

import strawberry
from graphql import GraphQLError

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.types import (
    Appointment,
    AppointmentSlot,
    AppointmentStatistics,
    AppointmentStatus,
    Counter,
    CounterService,
    CounterStatistics,
    CounterStatisticsRow,
    QueueTicket,
    ServiceDayQuota,
    TicketStatus,
)

VIEW = "counter.view"

# Lists: the connection keeps the caller's sites; `api.for_site` applies a siteId argument
# (a malformed one is an INVALID_ID error, as is a malformed serviceId).


def _day_sites(info: strawberry.Info, site_id: strawberry.ID | None) -> list[int] | None:
    """The sites whose local day a day filter reads (None: every site): the one asked for,
    else the caller's."""
    if site_id is not None:
        return [api.decode_id(site_id, "Site", "siteId")]
    visible = info.context.actor.site_ids
    return None if visible is None else sorted(visible)


def _bad_input(exc: api.ServiceError) -> GraphQLError:
    problem = exc.problems[0]
    return GraphQLError(
        f"Invalid argument {problem.field}: {problem.code}",
        extensions={"code": "BAD_USER_INPUT", "field": problem.field},
    )


async def _statistics(
    info: strawberry.Info, site_id: strawberry.ID, start: dt.date, end: dt.date
) -> services.Statistics:
    try:
        return await services.compute_statistics(
            info.context.actor, api.decode_id(site_id, "Site", "siteId"), start, end
        )
    except api.ServiceError as exc:
        raise _bad_input(exc) from None


def _global_id(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(api.encode_id(type_name, pk))


def _row(row: services.StatRow) -> CounterStatisticsRow:
    return CounterStatisticsRow(
        key=row.key,
        label=row.label,
        day=row.day,
        service_id=_global_id("CounterService", row.service_id),
        counter_id=_global_id("Counter", row.counter_id),
        clerk_user_id=_global_id("User", row.clerk_user_id),
        hour=row.hour,
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
    @api.connection(api.Connection[CounterService], VIEW)
    def counter_services(
        self, site_id: strawberry.ID | None = None
    ) -> AsyncIterable[models.CounterService]:
        return api.for_site(models.CounterService.all(), site_id)

    @api.connection(api.Connection[Counter], VIEW)
    def counters(self, site_id: strawberry.ID | None = None) -> AsyncIterable[models.Counter]:
        return api.for_site(models.Counter.all(), site_id)

    @api.connection(
        api.Connection[QueueTicket],
        VIEW,
        description="Tickets, oldest first; by default today's (each site's local date).",
    )
    async def queue_tickets(
        self,
        info: strawberry.Info,
        service_id: strawberry.ID | None = None,
        status: TicketStatus | None = None,
        day: dt.date | None = None,
        site_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.Ticket]:
        qs = api.for_site(models.Ticket.all(), site_id)
        if day is None:
            qs = qs.filter(await services.today_filter(_day_sites(info, site_id)))
        else:
            qs = qs.filter(day=day)
        if service_id is not None:
            qs = qs.filter(service_id=api.decode_id(service_id, "CounterService", "serviceId"))
        if status is not None:
            qs = qs.filter(status=status.value)
        return qs.order_by("issued_at", "id")

    @api.connection(
        api.Connection[Appointment],
        VIEW,
        description="Appointments by slot time; `day` is a local date of each site.",
    )
    async def appointments(
        self,
        info: strawberry.Info,
        service_id: strawberry.ID | None = None,
        day: dt.date | None = None,
        status: AppointmentStatus | None = None,
        site_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.Appointment]:
        qs = api.for_site(models.Appointment.all(), site_id)
        if service_id is not None:
            qs = qs.filter(service_id=api.decode_id(service_id, "CounterService", "serviceId"))
        if day is not None:
            sites = _day_sites(info, site_id)
            qs = qs.filter(await services.local_day_filter(sites, day, "slot_at"))
        if status is not None:
            qs = qs.filter(status=status.value)
        return qs

    @api.query(VIEW, description="Bookable slots of a service on a day (none on a closed day).")
    async def appointment_slots(
        self, info: strawberry.Info, service_id: strawberry.ID, day: dt.date
    ) -> list[AppointmentSlot]:
        try:
            sid = api.decode_id(service_id, "CounterService", "serviceId")
            found = await services.slots(info.context.actor, sid, day)
        except api.ServiceError:
            return []  # an unknown service has no slots
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

    @api.query(
        VIEW,
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
        stats = await _statistics(info, site_id, from_, to)
        a = stats.appointments
        return CounterStatistics(
            by_day=[_row(r) for r in stats.by_day],
            by_service=[_row(r) for r in stats.by_service],
            by_counter=[_row(r) for r in stats.by_counter],
            by_clerk=[_row(r) for r in stats.by_clerk],
            total=_row(stats.total),
            by_hour=[_row(r) for r in stats.by_hour],
            appointments=AppointmentStatistics(
                booked=a.booked,
                checked_in=a.checked_in,
                no_shows=a.no_shows,
                pending=a.pending,
                cancelled=a.cancelled,
                no_show_rate=a.no_show_rate,
            ),
            quotas=[
                ServiceDayQuota(
                    service_id=strawberry.ID(api.encode_id("CounterService", q.service_id)),
                    label=q.label,
                    day=q.day,
                    walk_ins=q.walk_ins,
                    walk_in_quota=q.walk_in_quota,
                    appointments=q.appointments,
                    appointment_quota=q.appointment_quota,
                )
                for q in stats.quotas
            ],
        )

    @api.query(
        VIEW,
        description=(
            "counterStatistics as CSV (RFC 4180, comma, CRLF): one line per row of byDay, byHour,"
            " byService, byCounter, byClerk and total (the column group says which), then the"
            " quota rows and the appointment outcomes, each under its own header line."
        ),
    )
    async def counter_statistics_csv(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID,
        from_: Annotated[dt.date, strawberry.argument(name="from")],
        to: dt.date,
    ) -> str:
        return services.statistics_csv(await _statistics(info, site_id, from_, to))
