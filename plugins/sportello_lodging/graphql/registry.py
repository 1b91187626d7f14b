"""The police guest registry in GraphQL: its entries (documents and birth data, readable only
with ``lodging.registry``) and the day's Alloggiati Web file."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from sportello import api
from sportello_lodging import models
from sportello_lodging.services import alloggiati, police

#: Reading documents and birth data of the guest registry, and exporting the police file.
REGISTRY = "lodging.registry"


@strawberry.enum(description="Who a guest is in the police registry (Alloggiati Web codes)")
class GuestRole(Enum):
    SINGLE = police.SINGLE
    HEAD_OF_FAMILY = police.HEAD_OF_FAMILY
    GROUP_LEADER = police.GROUP_LEADER
    FAMILY_MEMBER = police.FAMILY_MEMBER
    GROUP_MEMBER = police.GROUP_MEMBER


@strawberry.enum(description="Sex as on the identity document")
class Sex(Enum):
    M = "M"
    F = "F"


def _role(root: strawberry.Parent[models.GuestRegistration]) -> GuestRole:
    return GuestRole(root.role)


def _sex(root: strawberry.Parent[models.GuestRegistration]) -> Sex | None:
    return Sex(root.sex) if root.sex else None


def _head_name(root: strawberry.Parent[models.GuestRegistration]) -> str | None:
    name: str | None = getattr(root, "head_name", None)
    return name


@strawberry.type(description="A guest as recorded in the police guest registry.")
class GuestRegistration:
    full_name: str
    surname: str
    document_type: str
    document_number: str
    issuing_country: str
    issuing_place: str
    nationality: str
    birth_date: dt.date | None
    birth_country: str
    birth_place: str
    birth_province: str
    role = strawberry.field(resolver=_role)
    sex = strawberry.field(resolver=_sex)
    head_name = strawberry.field(
        resolver=_head_name,
        description="A family or group member: the full name of the head it is registered under",
    )


def visible_registrations(
    info: strawberry.Info, rows: list[models.GuestRegistration]
) -> list[models.GuestRegistration] | None:
    """A stay's live entries, each member with its head's name; None without
    ``lodging.registry``: documents and birth data are not for every reader of reservations."""
    if not info.context.actor.has(REGISTRY):
        return None
    live = [r for r in rows if r.erased_at is None]
    names = {r.id: r.full_name for r in live}
    for r in live:
        r.head_name = names.get(r.head_id) if r.head_id is not None else None
    return live


@strawberry.type(description="A guest left out of the police file, and why.")
class PoliceFileProblem:
    reservation_id: strawberry.ID
    full_name: str
    code: str
    message: str


@strawberry.type(description="The Alloggiati Web file of a site's arrivals on a day.")
class AlloggiatiFile:
    site_id: strawberry.ID
    day: dt.date
    filename: str
    content: str = strawberry.field(
        description=(
            "The records, 168 characters each, separated by CR LF: upload it as is to "
            "alloggiatiweb.poliziadistato.it"
        )
    )
    records: int
    problems: list[PoliceFileProblem] = strawberry.field(
        description="Guests left out until their registry entry is complete"
    )


@strawberry.type
class PoliceQueries:
    @api.query(
        REGISTRY,
        description=(
            "The day's police file (Alloggiati Web, Italy) of a site: one record per guest "
            "checked in with that arrival day."
        ),
    )
    async def alloggiati_file(
        self, info: strawberry.Info, site_id: strawberry.ID, day: dt.date
    ) -> AlloggiatiFile:
        site = api.decode_id(site_id, "Site", "siteId")
        found = await alloggiati.police_file(info.context.actor, site, day)
        catalog, language = info.context.runtime.catalog, info.context.language
        return AlloggiatiFile(
            site_id=site_id,
            day=found.day,
            filename=found.filename,
            content=found.content,
            records=found.records,
            problems=[
                PoliceFileProblem(
                    reservation_id=api.encode_id("Reservation", p.reservation_id),
                    full_name=p.full_name,
                    code=p.code,
                    message=catalog.gettext(p.message, language, **p.params),
                )
                for p in found.problems
            ],
        )
