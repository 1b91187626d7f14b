"""Parties and sites: the one registry of people and places.

A party's emails and phones are ``ContactPoint`` rows (one primary per channel, copied into
``Party.email`` / ``Party.phone`` so that every office reading those columns keeps working),
its postal addresses ``Address`` rows (one primary) and its consents an append-only
``Consent`` history whose latest entry per purpose is the current state.

Lists given to ``create_party`` / ``update_party`` (``emails``, ``phones``, ``addresses``)
replace the party's whole list; the scalar ``email`` / ``phone`` (the older API) set the
primary one. Updates lock the party row, so two clerks saving the same party at once leave
one of their lists, never a mix of both.

A module per aggregate; the names below keep ``services.<name>`` working for the rest of the
code. Modules of this package import each other, never this package.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from sportello.parties.services import _common
from sportello.parties.services._common import EMAIL_CHANNEL, LIST_FIELD, MAX_ITEMS, PHONE
from sportello.parties.services.addresses import (
    ADDRESS_COLUMNS,
    ADDRESS_KINDS,
    ADDRESS_LIMITS,
    POSTCODE,
    address_rows,
    addresses_of,
)
from sportello.parties.services.consents import (
    CONSENT_COLUMNS,
    PURPOSE,
    consent_rows,
    current_consents,
    set_consent,
)
from sportello.parties.services.contacts import (
    CONTACT_COLUMNS,
    CONTACT_KINDS,
    contact_rows,
    contacts_of,
)
from sportello.parties.services.people import (
    LANGUAGES,
    SCALARS,
    create_party,
    find_or_create_person,
    party_details,
    update_party,
)
from sportello.parties.services.privacy import (
    ERASED_COLUMNS,
    PERSONAL_FIELDS,
    anonymise_party,
    lock_live_party,
    party_personal_data,
    personal_identifiers,
)
from sportello.parties.services.search import email_match, search_condition
from sportello.parties.services.sites import SITE_FIELDS, SITE_LIMITS, create_site, update_site
from sportello.parties.services.visibility import (
    link_party_to_site,
    linked_at,
    may_see_party,
    party_site_backfill,
    party_site_ids,
    require_party,
    visible_parties,
)
from sportello.parties.validation import (
    EMAIL as EMAIL,  # the address pattern, imported from here by identity
)

if TYPE_CHECKING:
    from sportello.parties.services._common import now

__all__ = [
    "ADDRESS_COLUMNS",
    "ADDRESS_KINDS",
    "ADDRESS_LIMITS",
    "CONSENT_COLUMNS",
    "CONTACT_COLUMNS",
    "CONTACT_KINDS",
    "EMAIL",
    "EMAIL_CHANNEL",
    "ERASED_COLUMNS",
    "LANGUAGES",
    "LIST_FIELD",
    "MAX_ITEMS",
    "PERSONAL_FIELDS",
    "PHONE",
    "POSTCODE",
    "PURPOSE",
    "SCALARS",
    "SITE_FIELDS",
    "SITE_LIMITS",
    "address_rows",
    "addresses_of",
    "anonymise_party",
    "consent_rows",
    "contact_rows",
    "contacts_of",
    "create_party",
    "create_site",
    "current_consents",
    "email_match",
    "find_or_create_person",
    "link_party_to_site",
    "linked_at",
    "lock_live_party",
    "may_see_party",
    "now",
    "party_details",
    "party_personal_data",
    "party_site_backfill",
    "party_site_ids",
    "personal_identifiers",
    "require_party",
    "search_condition",
    "set_consent",
    "update_party",
    "update_site",
    "visible_parties",
]


class _Services(types.ModuleType):
    """``services.now`` is the clock of ``_common``: setting it here (a test's
    ``monkeypatch.setattr(services, "now", ...)``, as before the split) sets it there, where
    every module reads it, instead of leaving a copy nobody reads."""

    now = property(lambda self: _common.now, lambda self, f: setattr(_common, "now", f))


sys.modules[__name__].__class__ = _Services
