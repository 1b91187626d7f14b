"""The Alloggiati Web file: the day's arrived guests of one site in the fixed-width record
format of the Polizia di Stato ("tracciato record", upload by file on alloggiatiweb.poliziadistato.it).

One line of 168 characters per guest, fields padded with spaces on the right, empty fields all
spaces, lines separated by CR LF with none after the last; a family's or group's members
follow their head on the next lines, with the same arrival day:

=====  ========================  =====  =============================================
 pos    field                     width  value
=====  ========================  =====  =============================================
 1      tipo alloggiato           2      16 single, 17 head of family, 18 group leader,
                                         19 family member, 20 group member
 3      data arrivo               10     dd/mm/yyyy
 13     giorni di permanenza      2      nights, 01 to 30 (a longer stay is sent as 30)
 15     cognome                   50     surname
 65     nome                      30     given names
 95     sesso                     1      1 male, 2 female
 96     data nascita              10     dd/mm/yyyy
 106    comune nascita            9      born in Italy: the comune's code, else spaces
 115    provincia nascita         2      born in Italy: the province, else spaces
 117    stato nascita             9      the country of birth's code (Italy 100000100)
 126    cittadinanza              9      the nationality's code
 135    tipo documento            5      IDENT, PASOR, PATEN (members: spaces)
 140    numero documento          20     (members: spaces)
 160    luogo rilascio            9      Italian document: the issuing comune's code,
                                         else the issuing country's code (members: spaces)
=====  ========================  =====  =============================================

Names are sent in Latin letters without accents (ASCII), cut at the field's width. A guest
whose data is incomplete (no sex, no Italian comune of birth, a country without a Polizia
code, ...) is left out of the file and named in ``problems``, with the members of a head
left out; the desk completes the registry (``reservationGuestsRegister``) and exports again.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import config, police
from sportello_lodging.services.police_states import state_code

#: (field, width) in record order: 168 characters in all.
LAYOUT = (
    ("tipo_alloggiato", 2),
    ("data_arrivo", 10),
    ("giorni_permanenza", 2),
    ("cognome", 50),
    ("nome", 30),
    ("sesso", 1),
    ("data_nascita", 10),
    ("comune_nascita", 9),
    ("provincia_nascita", 2),
    ("stato_nascita", 9),
    ("cittadinanza", 9),
    ("tipo_documento", 5),
    ("numero_documento", 20),
    ("luogo_rilascio", 9),
)
RECORD_WIDTH = sum(width for _, width in LAYOUT)
ROLE_CODES = {
    police.SINGLE: "16",
    police.HEAD_OF_FAMILY: "17",
    police.GROUP_LEADER: "18",
    police.FAMILY_MEMBER: "19",
    police.GROUP_MEMBER: "20",
}
SEX_CODES = {"M": "1", "F": "2"}
#: Registry document types -> the portal's codes (a residence permit is no identity
#: document for the portal: the guest shows a passport or an identity card).
DOCUMENT_CODES = {"passport": "PASOR", "id_card": "IDENT", "driving_licence": "PATEN"}
MAX_DAYS = 30
#: The guests of these stays have arrived: the file is for them, not for expected ones.
ARRIVED = (m.CHECKED_IN, m.CHECKED_OUT)


@dataclass
class Problem:
    """A guest left out of the file and why (a message key with its parameters)."""

    reservation_id: int
    full_name: str
    code: str
    message: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class PoliceFile:
    site_id: int
    day: dt.date
    filename: str
    content: str
    records: int
    problems: list[Problem]


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _latin(text: str) -> str | None:
    """ASCII letters of ``text`` without accents; None when it is written in another script."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    letters = sum(c.isalpha() for c in text)
    return plain if sum(c.isalpha() for c in plain) == letters else None


def record(values: dict[str, str]) -> str:
    """One fixed-width line: each field padded with spaces or cut to its width."""
    return "".join(values.get(name, "")[:width].ljust(width) for name, width in LAYOUT)


def _guest_record(
    g: m.GuestRegistration, res: m.Reservation, states: dict[str, str]
) -> tuple[str | None, list[tuple[str, dict[str, str]]]]:
    """The guest's line, or None and the problems that keep it out of the file."""
    problems: list[tuple[str, dict[str, str]]] = []

    def state(country: str) -> str:
        code = state_code(country, states)
        if code is None:
            problems.append(("lodging.police.unknown_state", {"country": country}))
        return code or ""

    surname, given = police.split_name(g.full_name, g.surname)
    latin_surname, latin_given = _latin(surname), _latin(given)
    if latin_surname is None or latin_given is None:
        problems.append(("lodging.police.non_latin_name", {}))
    if g.sex not in SEX_CODES:
        problems.append(("lodging.police.missing_sex", {}))
    if not g.birth_country:
        problems.append(("lodging.police.missing_birth_country", {}))
    elif g.birth_country == police.ITALY and not (g.birth_place and g.birth_province):
        problems.append(("lodging.police.missing_birth_place", {}))
    values = {
        "tipo_alloggiato": ROLE_CODES.get(g.role, "16"),
        "data_arrivo": _date(res.arrival),
        "giorni_permanenza": f"{min((res.departure - res.arrival).days, MAX_DAYS):02d}",
        "cognome": latin_surname or "",
        "nome": latin_given or "",
        "sesso": SEX_CODES.get(g.sex, ""),
        "data_nascita": _date(g.birth_date) if g.birth_date else "",
        "stato_nascita": state(g.birth_country) if g.birth_country else "",
        "cittadinanza": state(g.nationality),
    }
    if g.birth_country == police.ITALY:
        values |= {"comune_nascita": g.birth_place, "provincia_nascita": g.birth_province}
    if g.role in police.WITH_DOCUMENT:
        values |= _document(g, state, problems)
    return (None if problems else record(values)), problems


def _document(
    g: m.GuestRegistration,
    state: Callable[[str], str],
    problems: list[tuple[str, dict[str, str]]],
) -> dict[str, str]:
    if not g.document_number:
        problems.append(("lodging.police.missing_document", {}))
        return {}
    kind = DOCUMENT_CODES.get(g.document_type)
    if kind is None:
        problems.append(("lodging.police.unsupported_document", {}))
    if g.issuing_country == police.ITALY:
        place = g.issuing_place
        if not place:
            problems.append(("lodging.police.missing_issuing_place", {}))
    else:
        place = state(g.issuing_country)
    return {
        "tipo_documento": kind or "",
        "numero_documento": g.document_number,
        "luogo_rilascio": place,
    }


def _in_file_order(rows: list[m.GuestRegistration]) -> list[m.GuestRegistration]:
    """A stay's entries with each head's members right after it."""
    members: dict[int, list[m.GuestRegistration]] = {}
    for g in rows:
        if g.role in police.HEAD_OF and g.head_id is not None:
            members.setdefault(g.head_id, []).append(g)
    out: list[m.GuestRegistration] = []
    for g in rows:
        if g.role in police.HEAD_OF and g.head_id is not None:
            continue
        out.append(g)
        out += members.get(g.id, [])
    return out


async def police_file(actor: api.Actor, site_id: int, day: dt.date) -> PoliceFile:
    """The Alloggiati Web file of a site's arrivals on ``day`` (guests checked in that day,
    in house or gone since)."""
    api.require_site(actor, site_id)
    site = await api.get_or_error(api.SiteModel, site_id, "siteId")
    arrived = m.Reservation.filter(site_id=site_id, arrival=day, status__in=ARRIVED)
    stays = await arrived.order_by("checked_in_at", "id")
    by_stay: dict[int, list[m.GuestRegistration]] = {}
    for g in await m.GuestRegistration.filter(
        reservation_id__in=[r.id for r in stays], erased_at=None
    ).order_by("id"):
        by_stay.setdefault(g.reservation_id, []).append(g)
    states = config.settings().alloggiati_state_codes
    lines: list[str] = []
    problems: list[Problem] = []
    for res in stays:
        left_out: set[int] = set()
        for g in _in_file_order(by_stay.get(res.id, [])):
            if g.head_id in left_out:
                problems.append(
                    Problem(res.id, g.full_name, "HEAD_LEFT_OUT", "lodging.police.head_left_out")
                )
                continue
            line, found = _guest_record(g, res, states)
            if line is None:
                left_out.add(g.id)
                problems += [
                    Problem(res.id, g.full_name, key.rpartition(".")[2].upper(), key, params)
                    for key, params in found
                ]
            else:
                lines.append(line)
    return PoliceFile(
        site_id=site_id,
        day=day,
        filename=f"alloggiati-{site.code}-{day.isoformat()}.txt",
        content="\r\n".join(lines),
        records=len(lines),
        problems=problems,
    )
