from typing import Any

from sportello.parties.graphql.mutations.party_consent_set import party_consent_set
from sportello.parties.graphql.mutations.party_create import party_create
from sportello.parties.graphql.mutations.party_update import party_update
from sportello.parties.graphql.mutations.site_create import site_create
from sportello.parties.graphql.mutations.site_update import site_update

# Root fields made by mutation(), under the names parties/plugin.py lists. Typed Any: that
# hook is annotated `list[type]`, while composition takes fields as well as classes.
PartyCreateMutation: Any = party_create
PartyUpdateMutation: Any = party_update
PartyConsentSetMutation: Any = party_consent_set
SiteCreateMutation: Any = site_create
SiteUpdateMutation: Any = site_update

__all__ = [
    "PartyConsentSetMutation",
    "PartyCreateMutation",
    "PartyUpdateMutation",
    "SiteCreateMutation",
    "SiteUpdateMutation",
    "party_consent_set",
    "party_create",
    "party_update",
    "site_create",
    "site_update",
]
