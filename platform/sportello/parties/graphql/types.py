from __future__ import annotations

import asyncio
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay

from sportello.graphql import typed
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import encode_id
from sportello.graphql.limits import list_size
from sportello.graphql.loading import needs
from sportello.graphql.nodebase import SiteScope
from sportello.graphql.relay import ModelNode
from sportello.identity.permissions import AUTHENTICATED
from sportello.parties import models, services


@strawberry.enum
class PartyKind(enum.Enum):
    PERSON = "person"
    ORGANISATION = "organisation"


@strawberry.enum(description="What an email address or a phone number is for.")
class ContactKind(enum.Enum):
    WORK = "work"
    HOME = "home"
    MOBILE = "mobile"
    OTHER = "other"


@strawberry.enum(description="What a postal address is for.")
class AddressKind(enum.Enum):
    HOME = "home"
    WORK = "work"
    BILLING = "billing"
    DELIVERY = "delivery"
    REGISTERED = "registered"
    OTHER = "other"


@strawberry.type(description="An email address or a phone number (E.164, e.g. +390555123987).")
class ContactPoint:
    kind: ContactKind
    value: str
    primary: bool


@strawberry.type(description="A postal address.")
class Address:
    kind: AddressKind
    line1: str
    line2: str
    postcode: str
    city: str
    region: str
    country: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code.")
    primary: bool


@strawberry.type(description="A consent given or withdrawn, for one purpose.")
class Consent:
    purpose: str
    granted: bool
    at: dt.datetime
    source: str


def _contact(item: dict[str, Any]) -> ContactPoint:
    return ContactPoint(
        kind=ContactKind(item["kind"]), value=item["value"], primary=item["primary"]
    )


def _address(item: dict[str, Any]) -> Address:
    return Address(**{**item, "kind": AddressKind(item["kind"])})


def _consent(item: Any) -> Consent:
    return Consent(
        purpose=item["purpose"], granted=bool(item["granted"]), at=item["at"], source=item["source"]
    )


# --- batch loaders: one query for a whole page of parties --------------------------------


def _by_party(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row["party_id"]].append(row)
    return out


async def load_contact_points(parties: list[Any]) -> None:
    """Emails and phones of a page of parties."""
    rows = _by_party(await services.contact_rows([p.id for p in parties]))
    for party in parties:
        mine = rows.get(party.id, [])
        party._emails = [_contact(c) for c in services.contacts_of(party, mine, models.EMAIL)]
        party._phones = [_contact(c) for c in services.contacts_of(party, mine, models.PHONE)]


async def load_addresses(parties: list[Any]) -> None:
    rows = _by_party(await services.address_rows([p.id for p in parties]))
    for party in parties:
        party._addresses = [_address(a) for a in services.addresses_of(rows.get(party.id, []))]


async def load_consents(parties: list[Any]) -> None:
    rows = _by_party(await services.consent_rows([p.id for p in parties]))
    for party in parties:
        history = rows.get(party.id, [])
        party._consent_history = [_consent(c) for c in history]
        party._consents = [_consent(c) for c in services.current_consents(history)]


SITE_COLUMNS = ("id", "code", "name", "kind", "address", "timezone")
PARTY_COLUMNS = tuple(
    name
    for name in models.Party._meta.fields_db_projection
    if name not in ("addresses", "consents")
)


async def load_sites(parties: list[Any]) -> None:
    """Sites of a page of organisations (one query), as plain Site nodes with their
    organisation read in the same query (the parent party may not hold every column)."""
    by_id = {p.id: p for p in parties}
    for party in parties:
        party._sites = []
    columns = [*SITE_COLUMNS, *(f"organisation__{c}" for c in PARTY_COLUMNS)]
    rows = await (
        models.Site.filter(organisation_id__in=list(by_id)).order_by("name", "id").values(*columns)
    )
    owners: dict[int, Any] = {}
    for row in rows:
        owner_id = row["organisation__id"]
        if owner_id not in owners:
            owner = object.__new__(Party)
            owner.__dict__.update({c: row[f"organisation__{c}"] for c in PARTY_COLUMNS})
            owners[owner_id] = owner
        site = object.__new__(Site)
        site.__dict__.update({c: row[c] for c in SITE_COLUMNS}, organisation=owners[owner_id])
        by_id[owner_id]._sites.append(site)


def _loaded(obj: Any, attr: str, loader: Callable[[list[Any]], Awaitable[None]]) -> Any:
    """The attribute a batch loader set, or (outside a planned page: a mutation's payload, a
    site's organisation under ``Party.sites``) an awaitable loading it once for this object."""
    value = getattr(obj, attr, None)
    if value is not None:
        return value
    key = f"_loading_{loader.__name__}"
    pending = getattr(obj, key, None)
    if pending is None:
        pending = asyncio.ensure_future(loader([obj]))
        setattr(obj, key, pending)

    async def after() -> Any:
        await pending
        return getattr(obj, attr)

    return after()


#: Emails, phones and addresses are bounded (services.MAX_ITEMS): the cost limit counts that.
LISTED = list_size(services.MAX_ITEMS)
CONTACTS = needs("email", "phone", batch=load_contact_points)
CONSENTS = needs(batch=load_consents)


@strawberry.type(description="A person or an organisation, shared by every office.")
class Party(ModelNode):
    __model__ = models.Party
    __permission__ = "parties.view"
    #: Parties linked to the caller's sites (every party for callers with every site).
    __site_field__ = SiteScope(services.linked_at)
    __needs__ = {
        "anonymised": needs("anonymised_at"),
        "survivor_id": needs("merged_into_id"),
        "emails": CONTACTS,
        "phones": CONTACTS,
        "addresses": needs(batch=load_addresses),
        "consents": CONSENTS,
        "consent_history": CONSENTS,
        "sites": needs(batch=load_sites),
    }

    id: relay.NodeID[int]
    kind: PartyKind
    display_name: str
    given_name: str
    family_name: str
    legal_name: str | None = strawberry.field(
        description="The registered name of an organisation (null for people)."
    )
    email: str | None = strawberry.field(description="The primary email address.")
    phone: str | None = strawberry.field(description="The primary phone number.")
    tax_code: str | None
    preferred_language: str
    created_at: dt.datetime

    @strawberry.field
    def anonymised(self) -> bool:
        return self.anonymised_at is not None  # type: ignore[attr-defined]  # a column of the row

    @typed.field(
        name="mergedIntoId",
        description="The party this one was merged into (it is a tombstone then), or null.",
    )
    def survivor_id(self) -> strawberry.ID | None:
        survivor = self.merged_into_id  # type: ignore[attr-defined]  # a column of the row
        return None if survivor is None else encode_id("Party", survivor)

    @typed.field(
        description="Email addresses, in the order given (one is primary).", metadata=LISTED
    )
    def emails(self) -> list[ContactPoint]:
        return _loaded(self, "_emails", load_contact_points)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Phone numbers in E.164 form.", metadata=LISTED)
    def phones(self) -> list[ContactPoint]:
        return _loaded(self, "_phones", load_contact_points)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Postal addresses.", metadata=LISTED)
    def addresses(self) -> list[Address]:
        return _loaded(self, "_addresses", load_addresses)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="The current consent per purpose (the latest given).")
    def consents(self) -> list[Consent]:
        return _loaded(self, "_consents", load_consents)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="Every consent given or withdrawn, oldest first.")
    def consent_history(self) -> list[Consent]:
        return _loaded(self, "_consent_history", load_consents)  # type: ignore[no-any-return]  # or its awaitable

    @typed.field(description="The sites of an organisation the caller may see.")
    def sites(self, info: strawberry.Info) -> list[Site]:
        actor = info.context.actor
        found = _loaded(self, "_sites", load_sites)
        if isinstance(found, list):
            return [s for s in found if actor.may_see_site(s.id)]

        async def visible() -> list[Site]:
            return [s for s in await found if actor.may_see_site(s.id)]

        return visible()  # type: ignore[return-value]  # awaited by strawberry


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
    organisation: Party | None = strawberry.field(
        description="The organisation (a Party) this site belongs to."
    )


PartyErrorCode = error_codes(
    "PartyErrorCode", "DUPLICATE", "MULTIPLE_PRIMARY", "NOT_AN_ORGANISATION"
)
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class PartyError(UserError):
        code: enum.Enum

else:
    PartyError = error_type("PartyError", PartyErrorCode)
