from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry

from sportello.graphql import typed
from sportello.graphql.relay import Connection, scope_to_sites
from sportello.identity.permissions import Authenticated, requires
from sportello.parties import models, services
from sportello.parties.graphql.types import Party, Site


@strawberry.type
class PartyQueries:
    @typed.connection(
        Connection[Party],
        permission_classes=[requires("parties.view")],
        description=(
            "People and organisations, optionally filtered by a fragment of a name, legal name,"
            " any email, any phone number (digits, spaces and + allowed) or tax/ID code."
        ),
    )
    def parties(
        self, info: strawberry.Info, search: str | None = None
    ) -> AsyncIterable[models.Party]:
        qs = models.Party.filter(anonymised_at=None, merged_into_id=None)
        if search and search.strip():
            qs = qs.filter(services.search_condition(search))
        return qs.order_by("display_name", "id")

    @typed.connection(Connection[Site], permission_classes=[Authenticated])
    def sites(self, info: strawberry.Info) -> AsyncIterable[models.Site]:
        return scope_to_sites(models.Site.all().order_by("name", "id"), info.context.actor, "id")
