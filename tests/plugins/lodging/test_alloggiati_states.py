"""The Polizia di Stato's country codes (Alloggiati Web "Tabella Stati"): well-formed, the known
ones right, and every country the guest registry takes either coded or refused with the typed
error the police file gives a country without a code."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pycountry

from sportello_lodging.services import police
from sportello_lodging.services.police_states import STATES, state_code

#: Codes every hotel sends daily, checked against the portal's table.
KNOWN = {
    "IT": "100000100",
    "FR": "100000215",
    "DE": "100000216",
    "GB": "100000219",
    "ES": "100000239",
    "CH": "100000241",
    "AT": "100000203",
    "NL": "100000232",
    "RU": "100000245",
    "US": "100000536",
    "CA": "100000509",
    "BR": "100000605",
    "AR": "100000602",
    "CN": "100000314",
    "JP": "100000326",
    "IN": "100000330",
    "AU": "100000701",
    "RS": "100001000",
    "ME": "100001001",
    "SS": "100000467",
    "PS": "110000001",
    "HK": "110000005",
}

#: ISO countries the table has no entry for (docs/lodging-police-registry.md).
UNCODED = {
    "AQ", "AW", "AX", "BL", "BQ", "BV", "CK", "CW", "EH",
    "GS", "HM", "IO", "MF", "SJ", "SX", "TF", "UM",
}  # fmt: skip


def test_every_code_is_well_formed_and_named_by_an_iso_country() -> None:
    assert len(STATES) > 200
    for country, code in STATES.items():
        assert pycountry.countries.get(alpha_2=country) is not None, country
        assert re.fullmatch(r"1[01]000[0-9]{4}", code), (country, code)


def test_the_known_countries_have_the_portal_codes() -> None:
    assert {c: STATES[c] for c in KNOWN} == KNOWN


def test_a_setting_adds_or_corrects_a_code() -> None:
    assert state_code("AW", {}) is None
    assert state_code("AW", {"AW": "100000735"}) == "100000735"
    assert state_code("MY", {"MY": "100000767"}) == "100000767"
    assert state_code("MY", {}) == "100000340"


def test_every_country_the_registry_takes_has_a_code_or_the_typed_error() -> None:
    uncoded = set()
    for country in (c.alpha_2 for c in pycountry.countries):
        assert police.is_country(country)
        entry = SimpleNamespace(
            role=police.SINGLE,
            sex="F",
            nationality=country,
            birth_country=country,
            birth_place="",
            birth_province="",
            issuing_country=country,
            issuing_place="",
        )
        refused = [
            (p.code, p.field, p.params)
            for p in police.alloggiati_gaps("guests.0", entry, {})  # type: ignore[arg-type]
            if p.message == "lodging.police.unknown_state"
        ]
        if state_code(country, {}) is not None:
            assert refused == [], country
            continue
        uncoded.add(country)
        fields = ["birthCountry", "nationality"] + ([] if country == "IT" else ["issuingCountry"])
        assert refused == [("INVALID", f"guests.0.{f}", {"country": country}) for f in fields]
    assert uncoded == UNCODED
