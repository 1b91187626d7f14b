from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import ShiftTemplatePayload


def _minute(text: str, field: str) -> int:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise api.ServiceError("INVALID", "hr.invalid_time", field)
    return int(hours) * 60 + int(minutes)


@api.mutation(
    "hr.manage",
    ShiftTemplatePayload,
    description="A shift pattern (HH:MM to HH:MM, local time; an end not after the start: next day).",
)
async def shift_template_create(
    info: strawberry.Info,
    site_id: strawberry.ID,
    name: str,
    start: str,
    end: str,
    station_id: strawberry.ID | None = None,
) -> models.ShiftTemplate:
    return await services.stations.create_template(
        info.context.actor,
        api.decode_id(site_id, "Site", "siteId"),
        name,
        _minute(start, "start"),
        _minute(end, "end"),
        api.decode_optional(station_id, "Station", "stationId"),
    )
