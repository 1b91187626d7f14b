from sportello.parties.graphql.mutations.party_consent_set import PartyConsentSetMutation
from sportello.parties.graphql.mutations.party_create import PartyCreateMutation
from sportello.parties.graphql.mutations.party_update import PartyUpdateMutation
from sportello.parties.graphql.mutations.site_create import SiteCreateMutation
from sportello.parties.graphql.mutations.site_update import SiteUpdateMutation

__all__ = [
    "PartyConsentSetMutation",
    "PartyCreateMutation",
    "PartyUpdateMutation",
    "SiteCreateMutation",
    "SiteUpdateMutation",
]
