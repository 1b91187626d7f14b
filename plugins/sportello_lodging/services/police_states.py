"""The Polizia di Stato's codes of countries ("Stati" table of Alloggiati Web), by ISO 3166.

The official table is downloaded from the Alloggiati Web portal by an authenticated hotel and
is not shipped here. Its codes are ``100000`` followed by ISTAT's three-digit code of the
country (Italy 100, France 215, Germany 216, United States 536): this table maps ISO 3166
alpha-2 codes to those ISTAT codes for the countries whose code was checked. A country missing
here, or a code the portal has changed, is set with the ``alloggiati_state_codes`` setting
(ISO code to the table's 9-digit code), which wins over this table. A guest whose country has
no code is named in the export's problems, never sent with a guessed code.
"""

from __future__ import annotations

from collections.abc import Mapping

#: ISO 3166 alpha-2 -> ISTAT three-digit country code.
ISTAT: Mapping[str, str] = {
    # Europe
    "IT": "100",
    "AL": "201",
    "AD": "202",
    "AT": "203",
    "BE": "206",
    "BG": "209",
    "DK": "212",
    "FI": "214",
    "FR": "215",
    "DE": "216",
    "GB": "219",
    "GR": "220",
    "IE": "221",
    "IS": "223",
    "LI": "225",
    "LU": "226",
    "MT": "227",
    "MC": "229",
    "NO": "231",
    "NL": "232",
    "PL": "233",
    "PT": "234",
    "RO": "235",
    "SM": "236",
    "ES": "239",
    "SE": "240",
    "CH": "241",
    "UA": "243",
    "HU": "244",
    "RU": "245",
    "VA": "246",
    "EE": "247",
    "LV": "248",
    "LT": "249",
    "HR": "250",
    "SI": "251",
    "BA": "252",
    "MD": "254",
    "SK": "255",
    "BY": "256",
    "CZ": "257",
    # Asia
    "CY": "315",
    "CN": "314",
    "KR": "320",
    "PH": "323",
    "JP": "326",
    "IN": "330",
    "IL": "334",
    "TR": "351",
    "AM": "358",
    "AZ": "359",
    "GE": "360",
    # Africa
    "EG": "419",
    "MA": "436",
    "NG": "443",
    "SN": "450",
    "ZA": "454",
    "TN": "460",
    # America
    "CA": "509",
    "MX": "527",
    "US": "536",
    "AR": "602",
    "BR": "605",
    "CO": "608",
    "PE": "615",
    "VE": "619",
    # Oceania
    "AU": "701",
    "NZ": "719",
}


def state_code(country: str, overrides: Mapping[str, str]) -> str | None:
    """The 9-digit code of an ISO country, or None when it is not known."""
    if country in overrides:
        return overrides[country]
    istat = ISTAT.get(country)
    return None if istat is None else "100000" + istat
