"""What the police guest registry needs beyond a name and a document: countries checked
against ISO 3166, sex and place of birth, and families and groups registered under their head.

Italy's rules (DM 7 January 2013, the Alloggiati Web "tipo alloggiato"): a single guest (16),
a head of family (17) and a group leader (18) carry an identity document; a family member (19)
or a group member (20) is registered under the head with name, sex, birth data and
citizenship only, so children need no document of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Protocol

import pycountry

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services.police_states import state_code

SINGLE = "single"
HEAD_OF_FAMILY = "head_of_family"
GROUP_LEADER = "group_leader"
FAMILY_MEMBER = "family_member"
GROUP_MEMBER = "group_member"
ROLES = (SINGLE, HEAD_OF_FAMILY, GROUP_LEADER, FAMILY_MEMBER, GROUP_MEMBER)
#: Who carries an identity document of their own.
WITH_DOCUMENT = (SINGLE, HEAD_OF_FAMILY, GROUP_LEADER)
#: A member and the head it is registered under.
HEAD_OF = {FAMILY_MEMBER: HEAD_OF_FAMILY, GROUP_MEMBER: GROUP_LEADER}
SEXES = ("M", "F")
ITALY = "IT"
#: A comune's code in the Polizia di Stato table (e.g. 412058091 for Roma).
COMUNE_CODE = re.compile(r"^[0-9]{9}$")
PROVINCE = re.compile(r"^[A-Z]{2}$")
MAX_SURNAME = 100


def is_country(code: str) -> bool:
    """An officially assigned ISO 3166-1 alpha-2 code (XX, ZZ, EU, XK are not)."""
    return len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code) is not None


def country_problem(code: str, field: str) -> api.Problem | None:
    if is_country(code):
        return None
    return api.Problem("INVALID", "lodging.invalid_country", field)


def birth_problems(
    where: str, sex: str, birth_country: str, birth_place: str, birth_province: str
) -> list[api.Problem]:
    """Sex and place of birth: optional each, but consistent when given (a comune and its
    province only for a birth in Italy)."""
    problems: list[api.Problem] = []
    if sex and sex not in SEXES:
        problems.append(api.Problem("INVALID", "lodging.invalid_sex", f"{where}.sex"))
    if birth_country:
        bad = country_problem(birth_country, f"{where}.birthCountry")
        if bad is not None:
            problems.append(bad)
    if birth_place or birth_province:
        if birth_country != ITALY:
            problems.append(
                api.Problem("INVALID", "lodging.birth_place_italy", f"{where}.birthPlace")
            )
        if not COMUNE_CODE.match(birth_place):
            problems.append(api.Problem("INVALID", "lodging.invalid_comune", f"{where}.birthPlace"))
        if not PROVINCE.match(birth_province):
            problems.append(
                api.Problem("INVALID", "lodging.invalid_province", f"{where}.birthProvince")
            )
    return problems


def issuing_place_problems(where: str, issuing_country: str, place: str) -> list[api.Problem]:
    """The comune that issued a document, for documents issued in Italy only."""
    if not place:
        return []
    if issuing_country != ITALY:
        return [api.Problem("INVALID", "lodging.issuing_place_italy", f"{where}.issuingPlace")]
    if not COMUNE_CODE.match(place):
        return [api.Problem("INVALID", "lodging.invalid_comune", f"{where}.issuingPlace")]
    return []


class PoliceData(Protocol):
    """What an entry of the registry holds for the police file (an input or a stored row)."""

    role: str
    sex: str
    nationality: str
    birth_country: str
    birth_place: str
    birth_province: str
    issuing_country: str
    issuing_place: str


def alloggiati_gaps(where: str, e: PoliceData, states: Mapping[str, str]) -> list[api.Problem]:
    """What the Alloggiati Web record of a well-formed entry still lacks (``police_registry =
    "alloggiati"``): the fields the file cannot be sent without, each on its own path."""
    problems: list[api.Problem] = []

    def missing(key: str, field: str) -> None:
        problems.append(api.Problem("REQUIRED", f"lodging.police.{key}", f"{where}.{field}"))

    def coded(country: str, field: str) -> None:
        if country and state_code(country, states) is None:
            problems.append(
                api.Problem(
                    "INVALID",
                    "lodging.police.unknown_state",
                    f"{where}.{field}",
                    {"country": country},
                )
            )

    if e.sex not in SEXES:
        missing("missing_sex", "sex")
    if not e.birth_country:
        missing("missing_birth_country", "birthCountry")
    elif e.birth_country == ITALY and not (e.birth_place and e.birth_province):
        missing("missing_birth_place", "birthPlace")
    coded(e.birth_country, "birthCountry")
    coded(e.nationality, "nationality")
    if e.role in WITH_DOCUMENT:
        if e.issuing_country == ITALY and not e.issuing_place:
            missing("missing_issuing_place", "issuingPlace")
        elif e.issuing_country != ITALY:
            coded(e.issuing_country, "issuingCountry")
    return problems


def surname_problems(where: str, full_name: str, surname: str) -> list[api.Problem]:
    """The surname is part of the full name (the rest are the given names)."""
    if not surname:
        return []
    if len(surname) > MAX_SURNAME or surname.casefold() not in full_name.casefold():
        return [api.Problem("INVALID", "lodging.invalid_surname", f"{where}.surname")]
    return []


def split_name(full_name: str, surname: str) -> tuple[str, str]:
    """(surname, given names). Without a recorded surname the last word is taken for it."""
    name = " ".join(full_name.split())
    if surname:
        at = name.casefold().find(surname.casefold())
        if at >= 0:
            given = (name[:at] + name[at + len(surname) :]).strip()
            return name[at : at + len(surname)], " ".join(given.split())
    first, _, last = name.rpartition(" ")
    return (last, first) if first else (name, "")


async def link_members(res: m.Reservation, roles: Sequence[tuple[int, str]]) -> None:
    """Registers the stay's family and group members under its head; ``roles`` pairs an input
    index with its role, for error paths. One head of each kind per stay (a room); a member
    whose head is not in the stay is refused (``HEAD_REQUIRED``)."""
    rows = await m.GuestRegistration.filter(reservation_id=res.id, erased_at=None).only(
        "id", "role", "head_id"
    )
    heads: dict[str, list[int]] = {HEAD_OF_FAMILY: [], GROUP_LEADER: []}
    for row in rows:
        if row.role in heads:
            heads[row.role].append(row.id)
    for kind, ids in heads.items():
        if len(ids) > 1:
            at = next((i for i, role in roles if role == kind), 0)
            raise api.ServiceError("TOO_MANY_HEADS", "lodging.too_many_heads", f"guests.{at}.role")
    for member, head in HEAD_OF.items():
        waiting = [r.id for r in rows if r.role == member and r.head_id not in heads[head]]
        if not waiting:
            continue
        if not heads[head]:
            at = next((i for i, role in roles if role == member), 0)
            raise api.ServiceError("HEAD_REQUIRED", "lodging.head_required", f"guests.{at}.role")
        await m.GuestRegistration.filter(id__in=waiting).update(head_id=heads[head][0])


def member_key(full_name: str, birth_date: dt.date | None) -> tuple[str, str, str]:
    """What tells apart registry entries without a document: name and date of birth."""
    return ("", full_name.casefold(), birth_date.isoformat() if birth_date else "")
