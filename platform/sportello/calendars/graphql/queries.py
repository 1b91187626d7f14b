from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry

from sportello.calendars import models
from sportello.calendars.graphql.types import BusinessCalendar
from sportello.graphql import typed
from sportello.graphql.ids import decode_id
from sportello.graphql.relay import Connection
from sportello.identity.permissions import Authenticated


@strawberry.type
class CalendarQueries:
    @typed.connection(
        Connection[BusinessCalendar],
        permission_classes=[Authenticated],
        description=(
            "Business calendars of the caller's sites and those without a site (the"
            " organisation's default, organisation-wide departments'); `siteId` keeps one"
            " site's, `departmentId` one department's."
        ),
    )
    def business_calendars(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID | None = None,
        department_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.BusinessCalendar]:
        qs = models.BusinessCalendar.all()
        if site_id is not None:
            qs = qs.filter(site_id=decode_id(site_id, "Site", "siteId"))
        if department_id is not None:
            qs = qs.filter(department_id=decode_id(department_id, "Department", "departmentId"))
        return qs.order_by("name", "id")
