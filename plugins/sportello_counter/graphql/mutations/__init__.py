from sportello_counter.graphql.mutations.appointment_book import appointment_book
from sportello_counter.graphql.mutations.appointment_cancel import appointment_cancel
from sportello_counter.graphql.mutations.appointment_check_in import appointment_check_in
from sportello_counter.graphql.mutations.appointment_reschedule import appointment_reschedule
from sportello_counter.graphql.mutations.counter_create import counter_create
from sportello_counter.graphql.mutations.counter_open import counter_open
from sportello_counter.graphql.mutations.counter_service_create import counter_service_create
from sportello_counter.graphql.mutations.counter_service_update import counter_service_update
from sportello_counter.graphql.mutations.counter_update import counter_update
from sportello_counter.graphql.mutations.display_token_create import display_token_create
from sportello_counter.graphql.mutations.display_token_revoke import display_token_revoke
from sportello_counter.graphql.mutations.public_appointment_book import public_appointment_book
from sportello_counter.graphql.mutations.public_appointment_cancel import public_appointment_cancel
from sportello_counter.graphql.mutations.public_appointment_reschedule import (
    public_appointment_reschedule,
)
from sportello_counter.graphql.mutations.queue_call_next import queue_call_next
from sportello_counter.graphql.mutations.queue_ticket_cancel import queue_ticket_cancel
from sportello_counter.graphql.mutations.queue_ticket_issue import queue_ticket_issue
from sportello_counter.graphql.mutations.queue_ticket_no_show import queue_ticket_no_show
from sportello_counter.graphql.mutations.queue_ticket_recall import queue_ticket_recall
from sportello_counter.graphql.mutations.queue_ticket_service_finish import (
    queue_ticket_service_finish,
)
from sportello_counter.graphql.mutations.queue_ticket_service_start import (
    queue_ticket_service_start,
)
from sportello_counter.graphql.mutations.queue_ticket_transfer import queue_ticket_transfer

ALL = [
    counter_service_create,
    counter_service_update,
    counter_create,
    counter_update,
    counter_open,
    queue_ticket_issue,
    queue_call_next,
    queue_ticket_recall,
    queue_ticket_no_show,
    queue_ticket_service_start,
    queue_ticket_service_finish,
    queue_ticket_transfer,
    queue_ticket_cancel,
    appointment_book,
    appointment_cancel,
    appointment_reschedule,
    appointment_check_in,
    display_token_create,
    display_token_revoke,
    public_appointment_book,
    public_appointment_cancel,
    public_appointment_reschedule,
]

__all__ = ["ALL"]
