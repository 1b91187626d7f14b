from sportello_crm.graphql.mutations.activity_create import activity_create
from sportello_crm.graphql.mutations.activity_done import activity_done
from sportello_crm.graphql.mutations.activity_reschedule import activity_reschedule
from sportello_crm.graphql.mutations.case_create import case_create
from sportello_crm.graphql.mutations.case_note_add import case_note_add
from sportello_crm.graphql.mutations.case_reopen import case_reopen
from sportello_crm.graphql.mutations.case_reply import case_reply
from sportello_crm.graphql.mutations.case_resolve import case_resolve
from sportello_crm.graphql.mutations.case_satisfaction_record import case_satisfaction_record
from sportello_crm.graphql.mutations.case_take import case_take
from sportello_crm.graphql.mutations.case_transfer import case_transfer
from sportello_crm.graphql.mutations.case_triage import case_triage
from sportello_crm.graphql.mutations.case_wait import case_wait
from sportello_crm.graphql.mutations.interaction_handle import interaction_handle
from sportello_crm.graphql.mutations.interaction_link import interaction_link
from sportello_crm.graphql.mutations.interaction_log import interaction_log
from sportello_crm.graphql.mutations.lost_reason_create import lost_reason_create
from sportello_crm.graphql.mutations.opportunity_create import opportunity_create
from sportello_crm.graphql.mutations.opportunity_lose import opportunity_lose
from sportello_crm.graphql.mutations.opportunity_update import opportunity_update
from sportello_crm.graphql.mutations.opportunity_win import opportunity_win
from sportello_crm.graphql.mutations.pipeline_stage_create import pipeline_stage_create
from sportello_crm.graphql.mutations.pipeline_stage_update import pipeline_stage_update

ALL = [
    interaction_log,
    interaction_handle,
    interaction_link,
    case_create,
    case_triage,
    case_take,
    case_transfer,
    case_wait,
    case_reply,
    case_resolve,
    case_reopen,
    case_note_add,
    case_satisfaction_record,
    opportunity_create,
    opportunity_update,
    opportunity_win,
    opportunity_lose,
    pipeline_stage_create,
    pipeline_stage_update,
    lost_reason_create,
    activity_create,
    activity_done,
    activity_reschedule,
]

__all__ = ["ALL"]
