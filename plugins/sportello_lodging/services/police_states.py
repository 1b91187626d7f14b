"""The Polizia di Stato's codes of countries ("Tabella Stati" of Alloggiati Web), by ISO 3166.

The table is ``alloggiati_states.toml`` in the lodging package (its header names the source):
the 9-digit code of every country and territory the Polizia di Stato's table names, ISO 3166
alpha-2 to code. A country missing there, or a code the portal has changed, is set with the
``alloggiati_state_codes`` setting (ISO code to the table's 9-digit code), which wins over the
table. A guest whose country has no code is named in the export's problems, never sent with a
guessed code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType


def _load() -> Mapping[str, str]:
    text = resources.files("sportello_lodging").joinpath("alloggiati_states.toml").read_text()
    states: dict[str, str] = tomllib.loads(text)["states"]
    return MappingProxyType(states)


#: ISO 3166 alpha-2 -> the Polizia di Stato's 9-digit code.
STATES: Mapping[str, str] = _load()


def state_code(country: str, overrides: Mapping[str, str]) -> str | None:
    """The 9-digit code of an ISO country, or None when it is not known."""
    if country in overrides:
        return overrides[country]
    return STATES.get(country)
