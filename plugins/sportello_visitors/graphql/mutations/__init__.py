from sportello_visitors.graphql.mutations.visit_cancel import VisitCancelMutation
from sportello_visitors.graphql.mutations.visit_check_in import VisitCheckInMutation
from sportello_visitors.graphql.mutations.visit_check_out import VisitCheckOutMutation
from sportello_visitors.graphql.mutations.visit_plan import VisitPlanMutation

ALL = [VisitPlanMutation, VisitCheckInMutation, VisitCheckOutMutation, VisitCancelMutation]

__all__ = ["ALL"]
