from sportello.parties.graphql.mutations.party_consent_set import party_consent_set
from sportello.parties.graphql.mutations.party_create import party_create
from sportello.parties.graphql.mutations.party_update import party_update
from sportello.parties.graphql.mutations.site_create import site_create
from sportello.parties.graphql.mutations.site_update import site_update

ALL = [party_create, party_update, party_consent_set, site_create, site_update]

__all__ = ["ALL", "party_consent_set", "party_create", "party_update", "site_create", "site_update"]
