from sportello.sla.graphql.mutations.sla_policy_create import sla_policy_create
from sportello.sla.graphql.mutations.sla_policy_update import sla_policy_update

ALL = [sla_policy_create, sla_policy_update]

__all__ = ["ALL"]
