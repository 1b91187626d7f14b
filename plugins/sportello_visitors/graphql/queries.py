from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

from sportello.graphql.ids import decode_optional
from sportello.graphql.relay import Connection, load_list, scope_to_sites
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_visitors import models, services
from sportello_visitors.graphql.types import Visit, VisitStatus

VIEW = [requires("visitors.view")]


def _site(site_id: strawberry.ID | None) -> int | None:
    try:
        return decode_optional(site_id, "Site", "siteId")
    except ServiceError:
        return -1


@strawberry.type
class VisitorsQueries:
    @relay.connection(Connection[Visit], permission_classes=VIEW)
    def visits(
        self,
        info: strawberry.Info,
        site_id: strawberry.ID | None = None,
        status: VisitStatus | None = None,
    ) -> Iterable[Visit]:
        qs = models.Visit.all()
        if site_id is not None:
            qs = qs.filter(site_id=_site(site_id))
        if status is not None:
            qs = qs.filter(status=status.value)
        qs = scope_to_sites(qs, info.context.actor, "site_id")
        return qs  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=VIEW,
        description=(
            "Visitors checked in and not out, all of them (an evacuation list is never paged),"
            " earliest arrival first."
        ),
    )
    async def visitors_present(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> list[Visit]:
        qs = services.present_queryset(None).order_by("checked_in_at", "id")
        if site_id is not None:
            qs = qs.filter(site_id=_site(site_id))
        qs = scope_to_sites(qs, info.context.actor, "site_id")
        return await load_list(qs, info, Visit)
