from __future__ import annotations

import strawberry

from sportello import api
from sportello_hr import models, services
from sportello_hr.graphql.mutations._roster import StationPayload
from sportello_hr.graphql.roster import StationKind


@api.mutation("hr.manage", StationPayload, description="A front desk, counter or floor.")
async def station_create(
    info: strawberry.Info,
    site_id: strawberry.ID,
    name: str,
    kind: StationKind = StationKind.FRONT_DESK,
    required_skill: str = "",
    required_course_id: strawberry.ID | None = None,
) -> models.Station:
    return await services.stations.create_station(
        info.context.actor,
        api.decode_id(site_id, "Site", "siteId"),
        name,
        kind.value,
        required_skill,
        api.decode_optional(required_course_id, "Course", "requiredCourseId"),
    )
