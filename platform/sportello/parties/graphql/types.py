from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode, load_list, scope_to_sites
from sportello.identity.permissions import AUTHENTICATED, Unauthenticated
from sportello.parties import models


@strawberry.enum
class PartyKind(enum.Enum):
    PERSON = "person"
    ORGANISATION = "organisation"


@strawberry.type(description="A person or an organisation, shared by every office.")
class Party(ModelNode):
    __model__ = models.Party
    __permission__ = "parties.view"
    __needs__ = {"anonymised": needs("anonymised_at")}

    id: relay.NodeID[int]
    display_name: str
    given_name: str
    family_name: str
    email: str | None
    phone: str | None
    tax_code: str | None
    preferred_language: str
    addresses: JSON
    consents: JSON
    created_at: dt.datetime
    kind: PartyKind

    @strawberry.field
    def anonymised(self) -> bool:
        return self.anonymised_at is not None  # type: ignore[attr-defined]


@strawberry.type(description="A place where the organisation meets people.")
class Site(ModelNode):
    __model__ = models.Site
    __permission__ = AUTHENTICATED  # any logged-in caller, within their sites
    __site_field__ = "id"

    id: relay.NodeID[int]
    code: str
    name: str
    kind: str
    address: str
    timezone: str

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        """``node(id:)`` for sites: logged-in callers only, scoped to their sites."""
        actor = info.context.actor
        if not actor.is_authenticated:
            raise Unauthenticated
        ids = list(node_ids)
        pks = [int(i) if i.isdigit() else -1 for i in ids]
        qs = scope_to_sites(cls.node_queryset(info).filter(id__in=pks), actor, cls.__site_field__)
        rows = {row.id: row for row in await load_list(qs, info, cls)}
        return [rows.get(pk) for pk in pks]


PartyErrorCode = error_codes("PartyErrorCode")
PartyError = error_type("PartyError", PartyErrorCode)
