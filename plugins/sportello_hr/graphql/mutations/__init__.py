from sportello_hr.graphql.mutations.contract_create import contract_create
from sportello_hr.graphql.mutations.contract_notices_send import contract_notices_send
from sportello_hr.graphql.mutations.course_create import course_create
from sportello_hr.graphql.mutations.course_update import course_update
from sportello_hr.graphql.mutations.employee_create import employee_create
from sportello_hr.graphql.mutations.employee_end import employee_end
from sportello_hr.graphql.mutations.employee_personal_data_set import employee_personal_data_set
from sportello_hr.graphql.mutations.employee_skill_set import employee_skill_set
from sportello_hr.graphql.mutations.employee_update import employee_update
from sportello_hr.graphql.mutations.leave_allocation_set import leave_allocation_set
from sportello_hr.graphql.mutations.leave_request_approve import leave_request_approve
from sportello_hr.graphql.mutations.leave_request_cancel import leave_request_cancel
from sportello_hr.graphql.mutations.leave_request_create import leave_request_create
from sportello_hr.graphql.mutations.leave_request_reject import leave_request_reject
from sportello_hr.graphql.mutations.leave_type_create import leave_type_create
from sportello_hr.graphql.mutations.shift_assign import shift_assign
from sportello_hr.graphql.mutations.shift_remove import shift_remove
from sportello_hr.graphql.mutations.shift_swap_approve import shift_swap_approve
from sportello_hr.graphql.mutations.shift_swap_reject import shift_swap_reject
from sportello_hr.graphql.mutations.shift_swap_request import shift_swap_request
from sportello_hr.graphql.mutations.shift_template_apply import shift_template_apply
from sportello_hr.graphql.mutations.shift_template_create import shift_template_create
from sportello_hr.graphql.mutations.station_create import station_create
from sportello_hr.graphql.mutations.training_record_create import training_record_create
from sportello_hr.graphql.mutations.training_record_remove import training_record_remove

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
    station_create,
    shift_template_create,
    employee_skill_set,
    shift_assign,
    shift_template_apply,
    shift_remove,
    shift_swap_request,
    shift_swap_approve,
    shift_swap_reject,
    course_create,
    course_update,
    training_record_create,
    training_record_remove,
    contract_notices_send,
]

__all__ = ["ALL"]
