from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable

import strawberry
from graphql import GraphQLError
from strawberry import relay

from sportello import api
from sportello_reception import models, services
from sportello_reception.graphql.types import Arrival, FrontDesk

VIEW = "reception.view"


def _cap(info: strawberry.Info, first: int) -> int:
    """Plain lists obey the same page cap as connections."""
    cap = info.context.runtime.settings.graphql.max_page_size
    if first < 0 or first > cap:
        raise GraphQLError(
            f"Argument 'first' must be between 0 and {cap}.", extensions={"code": "BAD_USER_INPUT"}
        )
    return first


def _front_desks(site_id: strawberry.ID | None = None) -> AsyncIterable[models.FrontDesk]:
    # The connection keeps the caller's sites; a malformed siteId is an INVALID_ID error.
    return api.for_site(models.FrontDesk.all(), site_id)


@strawberry.type
class ReceptionQueries:
    # relay.connection is typed as returning Any: the resolver is passed, not decorated.
    front_desks = relay.connection(
        api.Connection[FrontDesk], permission_classes=[api.requires(VIEW)], resolver=_front_desks
    )

    @api.query(
        VIEW, description="Everyone expected or arrived on a day, across every receiving office."
    )
    async def arrivals(
        self,
        info: strawberry.Info,
        day: dt.date,
        site_id: strawberry.ID | None = None,
        first: int = 100,
    ) -> list[Arrival]:
        ctx, limit = info.context, _cap(info, first)
        site = api.decode_optional(site_id, "Site", "siteId")
        found = await services.arrivals(ctx.runtime, ctx.actor, day, site)
        return found[:limit]

    @api.query(
        VIEW,
        description="Who is in the building now: hotel guests in house, visitors, people being served.",
    )
    async def present_now(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None, first: int = 100
    ) -> list[Arrival]:
        ctx, limit = info.context, _cap(info, first)
        site = api.decode_optional(site_id, "Site", "siteId")
        found = await services.present(ctx.runtime, ctx.actor, site)
        return found[:limit]
