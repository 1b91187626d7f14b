from sportello_hr.graphql.mutations.contract_create import contract_create
from sportello_hr.graphql.mutations.employee_create import employee_create
from sportello_hr.graphql.mutations.employee_end import employee_end
from sportello_hr.graphql.mutations.employee_personal_data_set import employee_personal_data_set
from sportello_hr.graphql.mutations.employee_update import employee_update
from sportello_hr.graphql.mutations.leave_allocation_set import leave_allocation_set
from sportello_hr.graphql.mutations.leave_request_approve import leave_request_approve
from sportello_hr.graphql.mutations.leave_request_cancel import leave_request_cancel
from sportello_hr.graphql.mutations.leave_request_create import leave_request_create
from sportello_hr.graphql.mutations.leave_request_reject import leave_request_reject
from sportello_hr.graphql.mutations.leave_type_create import leave_type_create

ALL = [
    employee_create,
    employee_update,
    employee_end,
    employee_personal_data_set,
    contract_create,
    leave_type_create,
    leave_allocation_set,
    leave_request_create,
    leave_request_approve,
    leave_request_reject,
    leave_request_cancel,
]

__all__ = ["ALL"]
