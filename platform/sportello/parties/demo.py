"""Demo parties and sites: idempotent, keyed by display name and kind (parties) and by code
(sites). A party that exists already is left as it is, so a second load changes nothing."""

from __future__ import annotations

from typing import Any

from sportello.parties import services
from sportello.parties.models import ORGANISATION, PERSON, Party, Site
from sportello.services import SYSTEM

GROUP = "Sportello Demo Group"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "display_name": GROUP,
        "legal_name": "Sportello Demo Group S.p.A.",
        "tax_code": "IT01234567890",
        "preferred_language": "it",
        "emails": [
            {"kind": "work", "value": "info@demo.example", "primary": True},
            {"kind": "work", "value": "amministrazione@demo.example"},
        ],
        "phones": [{"kind": "work", "value": "+39 051 644 1200"}],
        "addresses": [
            {
                "kind": "registered",
                "line1": "Via Roma 4",
                "postcode": "40121",
                "city": "Bologna",
                "region": "BO",
                "country": "IT",
                "primary": True,
            },
            {
                "kind": "billing",
                "line1": "Casella postale 112",
                "postcode": "40100",
                "city": "Bologna",
                "region": "BO",
                "country": "IT",
            },
        ],
    },
    {
        "display_name": "Adriatica Forniture",
        "legal_name": "Adriatica Forniture S.r.l.",
        "tax_code": "IT09876543210",
        "preferred_language": "it",
        "emails": [
            {"kind": "work", "value": "ordini@adriatica-forniture.example"},
            {"kind": "work", "value": "fatture@adriatica-forniture.example"},
        ],
        "phones": [
            {"kind": "work", "value": "0541 380 455"},
            {"kind": "mobile", "value": "+39 348 220 1177"},
        ],
        "addresses": [
            {
                "kind": "registered",
                "line1": "Via Flaminia 211",
                "postcode": "47923",
                "city": "Rimini",
                "region": "RN",
                "country": "IT",
            }
        ],
    },
]

PEOPLE: list[dict[str, Any]] = [
    {
        "given_name": "Chiara",
        "family_name": "Ferri",
        "tax_code": "FRRCHR85M41A944K",
        "preferred_language": "it",
        "emails": [
            {"kind": "work", "value": "chiara.ferri@studio-ferri.example", "primary": True},
            {"kind": "home", "value": "chiara.ferri85@mail.example"},
        ],
        "phones": [
            {"kind": "mobile", "value": "+39 333 412 8890", "primary": True},
            {"kind": "work", "value": "051 22 71 40"},
        ],
        "addresses": [
            {
                "kind": "home",
                "line1": "Via Santo Stefano 38",
                "postcode": "40125",
                "city": "Bologna",
                "region": "BO",
                "country": "IT",
            }
        ],
        "consents": [
            {"purpose": "marketing", "granted": True, "source": "front desk form"},
            {"purpose": "newsletter", "granted": True, "source": "web form"},
        ],
    },
    {
        "given_name": "Luca",
        "family_name": "Moretti",
        "tax_code": "MRTLCU72C12H294T",
        "preferred_language": "it",
        "emails": [{"kind": "home", "value": "luca.moretti@mail.example"}],
        "phones": [
            {"kind": "mobile", "value": "+39 347 118 2044"},
            {"kind": "home", "value": "0541 77 12 09"},
        ],
        "addresses": [
            {
                "kind": "home",
                "line1": "Viale Vespucci 17",
                "line2": "Scala B, interno 4",
                "postcode": "47921",
                "city": "Rimini",
                "region": "RN",
                "country": "IT",
            },
            {
                "kind": "delivery",
                "line1": "Via Dante 3",
                "postcode": "47838",
                "city": "Riccione",
                "region": "RN",
                "country": "IT",
            },
        ],
        "consents": [{"purpose": "marketing", "granted": False, "source": "front desk form"}],
    },
    {
        "given_name": "Eleni",
        "family_name": "Georgiou",
        "preferred_language": "el",
        "emails": [
            {"kind": "home", "value": "eleni.georgiou@mail.example"},
            {"kind": "work", "value": "e.georgiou@aegean-travel.example"},
        ],
        "phones": [{"kind": "mobile", "value": "+30 694 555 0172"}],
        "addresses": [
            {
                "kind": "home",
                "line1": "Odos Ermou 56",
                "postcode": "105 63",
                "city": "Athina",
                "country": "GR",
            }
        ],
        "consents": [{"purpose": "newsletter", "granted": True, "source": "web form"}],
    },
    {
        "given_name": "Javier",
        "family_name": "Ruiz Ortega",
        "preferred_language": "es",
        "emails": [{"kind": "work", "value": "jruiz@ortega-consultores.example"}],
        "phones": [
            {"kind": "work", "value": "+34 912 345 678"},
            {"kind": "mobile", "value": "+34 612 33 44 55"},
        ],
        "addresses": [
            {
                "kind": "work",
                "line1": "Calle de Alcalá 120",
                "postcode": "28009",
                "city": "Madrid",
                "country": "ES",
            }
        ],
    },
]

SITES = [
    ("HOTEL", "Hotel Bellavista", "hotel", "Lungomare 12, Rimini"),
    ("TOWNHALL", "Comune di Borgo - Sportello al cittadino", "public_office", "Piazza Grande 1"),
    ("HQ", "Studio Rossi & Partners", "office", "Via Roma 4, Bologna"),
]


async def _ensure(kind: str, data: dict[str, Any]) -> Party:
    name = data.get("display_name") or f"{data['given_name']} {data['family_name']}"
    existing = await Party.filter(display_name=name, kind=kind).order_by("id").first()
    if existing is not None:
        return existing
    return await services.create_party(SYSTEM, kind=kind, **data)


async def load() -> None:
    group = None
    for data in ORGANISATIONS:
        org = await _ensure(ORGANISATION, data)
        group = group or org
    for data in PEOPLE:
        await _ensure(PERSON, data)
    for code, name, kind, address in SITES:
        site, _ = await Site.get_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "address": address, "organisation": group},
        )
        if site.organisation_id is not None:  # the owner is known at its sites
            await services.link_party_to_site(site.organisation_id, site.id)
