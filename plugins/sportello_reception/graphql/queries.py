from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry
from graphql import GraphQLError
from strawberry import relay

from sportello.graphql.ids import decode_optional
from sportello.graphql.relay import Connection, scope_to_sites
from sportello.identity.permissions import requires
from sportello.services import ServiceError
from sportello_reception import models, services
from sportello_reception.graphql.types import Arrival, FrontDesk


def _site(site_id: strawberry.ID | None) -> int | None:
    try:
        return decode_optional(site_id, "Site", "siteId")
    except ServiceError:
        return -1


def _cap(info: strawberry.Info, first: int) -> int:
    """Plain lists obey the same page cap as connections."""
    cap = info.context.runtime.settings.graphql.max_page_size
    if first < 0 or first > cap:
        raise GraphQLError(
            f"Argument 'first' must be between 0 and {cap}.", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


@strawberry.type
class ReceptionQueries:
    @relay.connection(Connection[FrontDesk], permission_classes=[requires("reception.view")])
    def front_desks(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> Iterable[FrontDesk]:
        qs = models.FrontDesk.all()
        if site_id is not None:
            qs = qs.filter(site_id=_site(site_id))
        return scope_to_sites(qs, info.context.actor, "site_id")  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[requires("reception.view")],
        description="Everyone expected or arrived on a day, across every receiving office.",
    )
    async def arrivals(
        self,
        info: strawberry.Info,
        day: dt.date,
        site_id: strawberry.ID | None = None,
        first: int = 100,
    ) -> list[Arrival]:
        ctx = info.context
        found = await services.arrivals(ctx.runtime, ctx.actor, day, _site(site_id))
        return found[: _cap(info, first)]

    @strawberry.field(
        permission_classes=[requires("reception.view")],
        description="Who is in the building now: hotel guests in house, visitors, people being served.",
    )
    async def present_now(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None, first: int = 100
    ) -> list[Arrival]:
        ctx = info.context
        found = await services.present(ctx.runtime, ctx.actor, _site(site_id))
        return found[: _cap(info, first)]
