"""Normalising what people type: email addresses, phone numbers, countries, ID codes.

Pure functions (no database), shared by the services and the data migration.
"""

from __future__ import annotations

import re

import pycountry

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EMAIL_MAX = 254

#: Country -> (calling code, national trunk prefix dropped in international form). Used only
#: to complete a number typed without its country code, for a party whose country is known.
CALLING_CODES: dict[str, tuple[str, str]] = {
    "IT": ("39", ""),  # Italian numbers keep their leading 0
    "SM": ("378", ""),
    "VA": ("39", ""),
    "ES": ("34", ""),
    "GR": ("30", ""),
    "PT": ("351", ""),
    "FR": ("33", "0"),
    "DE": ("49", "0"),
    "AT": ("43", "0"),
    "CH": ("41", "0"),
    "GB": ("44", "0"),
    "IE": ("353", "0"),
    "NL": ("31", "0"),
    "BE": ("32", "0"),
    "LU": ("352", ""),
    "DK": ("45", ""),
    "NO": ("47", ""),
    "SE": ("46", "0"),
    "FI": ("358", "0"),
    "PL": ("48", ""),
    "CZ": ("420", ""),
    "SK": ("421", "0"),
    "SI": ("386", "0"),
    "HR": ("385", "0"),
    "RO": ("40", "0"),
    "BG": ("359", "0"),
    "CY": ("357", ""),
    "MT": ("356", ""),
    "EE": ("372", ""),
    "LV": ("371", ""),
    "US": ("1", "1"),
    "CA": ("1", "1"),
    "AU": ("61", "0"),
    "NZ": ("64", "0"),
}

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+$")
_SEPARATORS = re.compile(r"[ ()./-]")
_TAX_CODE = re.compile(r"^[A-Z0-9][A-Z0-9./-]{1,39}$")


def normalise_email(raw: str) -> str | None:
    """The address trimmed and lower-cased, or None when it is not an email address."""
    value = raw.strip().lower()
    if len(value) > EMAIL_MAX or not EMAIL.match(value):
        return None
    return value


def normalise_phone(raw: str, country: str | None = None) -> str | None:
    """``+<country code><number>`` (E.164: 7 to 15 digits), or None when it cannot be.

    Accepts spaces, dots, dashes, slashes and parentheses; ``00`` stands for ``+``; the
    ``(0)`` of ``+44 (0)20 ...`` is dropped. A number without its country code is completed
    only when ``country`` (the party's own) is known, else refused: guessing would store a
    wrong number.
    """
    text = raw.strip()
    if not text or not _PHONE_CHARS.match(text):
        return None
    international = text.startswith("+")
    if international:
        text = text.replace("(0)", "")
    digits = _SEPARATORS.sub("", text).lstrip("+")
    if not digits.isdigit():
        return None
    if not international and digits.startswith("00"):
        digits, international = digits[2:], True
    if not international:
        known = CALLING_CODES.get((country or "").upper())
        if known is None:
            return None
        code, trunk = known
        if trunk and digits.startswith(trunk):
            digits = digits[len(trunk) :]
        digits = code + digits
    if digits.startswith("0") or not 7 <= len(digits) <= 15:
        return None
    return "+" + digits


def is_country(code: str) -> bool:
    """An officially assigned ISO 3166-1 alpha-2 code (pycountry's table: XX, ZZ, EU are not)."""
    return len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code) is not None


def normalise_country(raw: str) -> str | None:
    value = raw.strip().upper()
    return value if is_country(value) else None


def normalise_tax_code(raw: str) -> str | None:
    """Trimmed, upper-cased, inner spaces removed; None when not a plausible code."""
    value = re.sub(r"\s+", "", raw).upper()
    return value if _TAX_CODE.match(value) else None


def phone_digits(term: str) -> str | None:
    """The digits of a search term that looks like (part of) a phone number, else None."""
    text = term.strip()
    if not _PHONE_CHARS.match(text):
        return None
    digits = _SEPARATORS.sub("", text).lstrip("+")
    if digits.startswith("00"):
        digits = digits[2:]
    return digits if len(digits) >= 3 and digits.isdigit() else None
