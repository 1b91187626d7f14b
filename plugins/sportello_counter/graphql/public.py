"""What citizens reach without an account: the services open to online booking, their free
slots, and their own booking by its code and contact (queries; the mutations are
``mutations/public_appointment_*``). Nothing here returns a node another query could widen."""

from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.types import AppointmentSlot, AppointmentStatus


@strawberry.type(description="A service citizens book online.")
class PublicCounterService:
    id: strawberry.ID = strawberry.field(description="The CounterService ID, to book with.")
    name: str
    site_name: str
    service_minutes: int


@strawberry.type(description="An online booking, as its citizen reads it (by code and contact).")
class PublicAppointment:
    code: str = strawberry.field(description="The booking code: keep it.")
    name: str
    service_id: strawberry.ID
    service_name: str
    site_name: str
    slot_at: dt.datetime
    status: AppointmentStatus
    status_label: str = strawberry.field(description="The status in the reader's language.")


async def public_view(info: strawberry.Info, appt: models.Appointment) -> PublicAppointment:
    service = await models.CounterService.get(id=appt.service_id)
    site = await api.SiteModel.get(id=appt.site_id)
    catalog = info.context.runtime.catalog
    return PublicAppointment(
        code=appt.code,
        name=appt.party_name,
        service_id=strawberry.ID(api.encode_id("CounterService", service.id)),
        service_name=service.name,
        site_name=site.name,
        slot_at=appt.slot_at,
        status=AppointmentStatus(appt.status),
        status_label=catalog.gettext(
            f"counter.appointment_status.{appt.status}", info.context.language
        ),
    )


@strawberry.type
class PublicCounterQueries:
    @api.query(
        [api.Public],
        description="Services open to online booking (at most 200), of one site or of all.",
    )
    async def public_counter_services(
        self, site_id: strawberry.ID | None = None
    ) -> list[PublicCounterService]:
        sid = api.decode_optional(site_id, "Site", "siteId")
        found = await services.public_services(sid)
        sites = dict(
            await api.SiteModel.filter(id__in={s.site_id for s in found}).values_list("id", "name")
        )
        return [
            PublicCounterService(
                id=strawberry.ID(api.encode_id("CounterService", s.id)),
                name=s.name,
                site_name=sites.get(s.site_id, ""),
                service_minutes=s.service_minutes,
            )
            for s in found
        ]

    @api.query(
        [api.Public],
        description=(
            "Free slots of a service open to online booking on a local day, inside the booking"
            " window (none for any other service)."
        ),
    )
    async def public_appointment_slots(
        self, service_id: strawberry.ID, day: dt.date
    ) -> list[AppointmentSlot]:
        try:
            sid = api.decode_id(service_id, "CounterService", "serviceId")
            found = await services.public_slots(sid, day)
        except api.ServiceError:
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

    @api.query(
        [api.Public],
        description="A booking by its code and the email or phone number it was booked with.",
    )
    async def public_appointment(
        self, info: strawberry.Info, code: str, contact: str
    ) -> PublicAppointment | None:
        try:
            appt = await services.public_appointment(code, contact)
        except api.ServiceError:
            return None
        return await public_view(info, appt)
