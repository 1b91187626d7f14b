from sportello_visitors.graphql.mutations.visit_cancel import visit_cancel
from sportello_visitors.graphql.mutations.visit_check_in import visit_check_in
from sportello_visitors.graphql.mutations.visit_check_out import visit_check_out
from sportello_visitors.graphql.mutations.visit_plan import visit_plan

ALL = [visit_plan, visit_check_in, visit_check_out, visit_cancel]

__all__ = ["ALL"]
