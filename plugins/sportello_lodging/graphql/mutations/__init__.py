"""Lodging's mutations, one per module, in the order the schema lists them."""

from sportello_lodging.graphql.mutations.folio_bill_to_set import folio_bill_to_set
from sportello_lodging.graphql.mutations.folio_charge_add import folio_charge_add
from sportello_lodging.graphql.mutations.folio_line_void import folio_line_void
from sportello_lodging.graphql.mutations.folio_payment_add import folio_payment_add
from sportello_lodging.graphql.mutations.folio_payment_refund import folio_payment_refund
from sportello_lodging.graphql.mutations.night_audit_run import night_audit_run
from sportello_lodging.graphql.mutations.rate_plan_create import rate_plan_create
from sportello_lodging.graphql.mutations.rate_plan_price_set import rate_plan_price_set
from sportello_lodging.graphql.mutations.reservation_cancel import reservation_cancel
from sportello_lodging.graphql.mutations.reservation_check_in import reservation_check_in
from sportello_lodging.graphql.mutations.reservation_check_out import reservation_check_out
from sportello_lodging.graphql.mutations.reservation_confirm import reservation_confirm
from sportello_lodging.graphql.mutations.reservation_create import reservation_create
from sportello_lodging.graphql.mutations.reservation_dates_change import reservation_dates_change
from sportello_lodging.graphql.mutations.reservation_group_cancel import reservation_group_cancel
from sportello_lodging.graphql.mutations.reservation_group_create import reservation_group_create
from sportello_lodging.graphql.mutations.reservation_group_rooms_add import (
    reservation_group_rooms_add,
)
from sportello_lodging.graphql.mutations.reservation_guests_register import (
    reservation_guests_register,
)
from sportello_lodging.graphql.mutations.reservation_move import reservation_move
from sportello_lodging.graphql.mutations.reservation_no_show import reservation_no_show
from sportello_lodging.graphql.mutations.room_cleanliness_set import room_cleanliness_set
from sportello_lodging.graphql.mutations.room_closure_create import room_closure_create
from sportello_lodging.graphql.mutations.room_closure_delete import room_closure_delete
from sportello_lodging.graphql.mutations.room_create import room_create
from sportello_lodging.graphql.mutations.room_type_create import room_type_create

ALL = [
    room_type_create,
    room_create,
    room_closure_create,
    room_closure_delete,
    room_cleanliness_set,
    rate_plan_create,
    rate_plan_price_set,
    reservation_create,
    reservation_confirm,
    reservation_cancel,
    reservation_no_show,
    reservation_check_in,
    reservation_guests_register,
    reservation_check_out,
    reservation_move,
    reservation_dates_change,
    reservation_group_create,
    reservation_group_rooms_add,
    reservation_group_cancel,
    folio_charge_add,
    folio_payment_add,
    folio_line_void,
    folio_payment_refund,
    night_audit_run,
    folio_bill_to_set,
]

__all__ = ["ALL"]
