"""Public holidays from the ``holidays`` library, by country and subdivision, cached per year.

Italy's subdivisions are its provinces (and a few cities): each adds the patron saint of its
capital (``RM``: Saints Peter and Paul, 29 June). Spain's are its autonomous communities;
Greece has none, and its national list follows the Orthodox Easter.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the library costs the cold start ~20 ms
    import holidays

#: Our language codes and the holidays library's names for them.
_LANGUAGES = {"en": "en_US", "it": "it_IT", "es": "es", "el": "el"}


def _country_class(country: str) -> type[holidays.HolidayBase] | None:
    import holidays

    try:
        return type(holidays.country_holidays(country))
    except NotImplementedError:
        return None


def known_country(country: str) -> bool:
    return _country_class(country) is not None


def subdivisions(country: str) -> dict[str, str]:
    """The subdivision codes a country accepts, each with itself, plus aliases (names) mapped
    to their code (``Roma`` -> ``RM``)."""
    cls = _country_class(country)
    if cls is None:
        return {}
    out = {code: code for code in cls.subdivisions}
    out.update(getattr(cls, "subdivisions_aliases", {}) or {})
    return out


def subdivision_code(country: str, value: str) -> str | None:
    """The code of a subdivision given as a code or a name (any case), or None if unknown."""
    known = subdivisions(country)
    wanted = value.strip().casefold()
    for name, code in known.items():
        if name.casefold() == wanted:
            return code
    return None


@functools.lru_cache(maxsize=512)
def holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[dt.date]:
    """The public holidays of one year (dates only: what business time needs)."""
    import holidays

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


@functools.lru_cache(maxsize=256)
def holiday_list(
    country: str, subdivision: str | None, year: int, language: str = "en"
) -> tuple[tuple[dt.date, str], ...]:
    """The public holidays of one year with their names, in ``language`` when the library
    has it for that country (else in the country's own language), by date."""
    cls = _country_class(country)
    supported = getattr(cls, "supported_languages", ()) or ()
    lang = _LANGUAGES.get(language)
    import holidays

    found = holidays.country_holidays(
        country, subdiv=subdivision, years=year, language=lang if lang in supported else None
    )
    return tuple(sorted(found.items()))
