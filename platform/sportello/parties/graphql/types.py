from __future__ import annotations

import datetime as dt
import enum

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from sportello.graphql.errors import error_codes, error_type
from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode
from sportello.identity.permissions import AUTHENTICATED
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


PartyErrorCode = error_codes("PartyErrorCode")
PartyError = error_type("PartyError", PartyErrorCode)
