from sportello_counter.graphql.mutations.appointment_book import AppointmentBookMutation
from sportello_counter.graphql.mutations.appointment_cancel import AppointmentCancelMutation
from sportello_counter.graphql.mutations.appointment_check_in import AppointmentCheckInMutation
from sportello_counter.graphql.mutations.appointment_reschedule import (
    AppointmentRescheduleMutation,
)
from sportello_counter.graphql.mutations.counter_create import CounterCreateMutation
from sportello_counter.graphql.mutations.counter_service_create import (
    CounterServiceCreateMutation,
)
from sportello_counter.graphql.mutations.counter_service_update import (
    CounterServiceUpdateMutation,
)
from sportello_counter.graphql.mutations.counter_update import CounterUpdateMutation
from sportello_counter.graphql.mutations.display_token_create import DisplayTokenCreateMutation
from sportello_counter.graphql.mutations.display_token_revoke import DisplayTokenRevokeMutation
from sportello_counter.graphql.mutations.queue_call_next import QueueCallNextMutation
from sportello_counter.graphql.mutations.queue_ticket_cancel import QueueTicketCancelMutation
from sportello_counter.graphql.mutations.queue_ticket_issue import QueueTicketIssueMutation
from sportello_counter.graphql.mutations.queue_ticket_no_show import QueueTicketNoShowMutation
from sportello_counter.graphql.mutations.queue_ticket_recall import QueueTicketRecallMutation
from sportello_counter.graphql.mutations.queue_ticket_service_finish import (
    QueueTicketServiceFinishMutation,
)
from sportello_counter.graphql.mutations.queue_ticket_service_start import (
    QueueTicketServiceStartMutation,
)
from sportello_counter.graphql.mutations.queue_ticket_transfer import QueueTicketTransferMutation

ALL = [
    CounterServiceCreateMutation,
    CounterServiceUpdateMutation,
    CounterCreateMutation,
    CounterUpdateMutation,
    QueueTicketIssueMutation,
    QueueCallNextMutation,
    QueueTicketRecallMutation,
    QueueTicketNoShowMutation,
    QueueTicketServiceStartMutation,
    QueueTicketServiceFinishMutation,
    QueueTicketTransferMutation,
    QueueTicketCancelMutation,
    AppointmentBookMutation,
    AppointmentCancelMutation,
    AppointmentRescheduleMutation,
    AppointmentCheckInMutation,
    DisplayTokenCreateMutation,
    DisplayTokenRevokeMutation,
]

__all__ = ["ALL"]
