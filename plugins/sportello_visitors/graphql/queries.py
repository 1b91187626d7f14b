from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry
from strawberry import relay

from sportello import api
from sportello_visitors import models, services
from sportello_visitors.graphql.types import Visit, VisitStatus

VIEW = "visitors.view"


def _visits(
    site_id: strawberry.ID | None = None, status: VisitStatus | None = None
) -> AsyncIterable[models.Visit]:
    # The connection keeps the caller's sites; a malformed siteId is an INVALID_ID error.
    qs = models.Visit.all()
    if status is not None:
        qs = qs.filter(status=status.value)
    return api.for_site(qs, site_id)


@strawberry.type
class VisitorsQueries:
    # relay.connection is typed as returning Any: the resolver is passed, not decorated.
    visits = relay.connection(
        api.Connection[Visit], permission_classes=[api.requires(VIEW)], resolver=_visits
    )

    @api.query(
        VIEW,
        description=(
            "Visitors checked in and not out, all of them (an evacuation list is never paged),"
            " earliest arrival first."
        ),
    )
    async def visitors_present(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> list[Visit]:
        qs = services.present_queryset(None).order_by("checked_in_at", "id")
        visits: list[Visit] = await api.load_list(api.for_site(qs, site_id), info, Visit)
        return visits
