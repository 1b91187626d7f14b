from sportello_lodging.graphql.mutations.folio_charge_add import FolioChargeAddMutation
from sportello_lodging.graphql.mutations.folio_payment_add import FolioPaymentAddMutation
from sportello_lodging.graphql.mutations.reservation_cancel import ReservationCancelMutation
from sportello_lodging.graphql.mutations.reservation_check_in import ReservationCheckInMutation
from sportello_lodging.graphql.mutations.reservation_check_out import ReservationCheckOutMutation
from sportello_lodging.graphql.mutations.reservation_confirm import ReservationConfirmMutation
from sportello_lodging.graphql.mutations.reservation_create import ReservationCreateMutation
from sportello_lodging.graphql.mutations.reservation_dates_change import (
    ReservationDatesChangeMutation,
)
from sportello_lodging.graphql.mutations.reservation_guests_register import (
    ReservationGuestsRegisterMutation,
)
from sportello_lodging.graphql.mutations.reservation_move import ReservationMoveMutation
from sportello_lodging.graphql.mutations.reservation_no_show import ReservationNoShowMutation
from sportello_lodging.graphql.mutations.room_cleanliness_set import RoomCleanlinessSetMutation
from sportello_lodging.graphql.mutations.room_closure_create import RoomClosureCreateMutation
from sportello_lodging.graphql.mutations.room_create import RoomCreateMutation
from sportello_lodging.graphql.mutations.room_type_create import RoomTypeCreateMutation

ALL = [
    RoomTypeCreateMutation,
    RoomCreateMutation,
    RoomClosureCreateMutation,
    RoomCleanlinessSetMutation,
    ReservationCreateMutation,
    ReservationConfirmMutation,
    ReservationCancelMutation,
    ReservationNoShowMutation,
    ReservationCheckInMutation,
    ReservationGuestsRegisterMutation,
    ReservationCheckOutMutation,
    ReservationMoveMutation,
    ReservationDatesChangeMutation,
    FolioChargeAddMutation,
    FolioPaymentAddMutation,
]

__all__ = ["ALL"]
