"""The booking confirmation: the guest hears of a confirmed stay by email, in their language.

Queued in the transaction that confirms the stay (a booking made confirmed, or a draft
confirmed later) and sent after commit by the notifications service; a guest without an email
address, or who withdrew the consent to email, gets nothing, and the log says why.
"""

from __future__ import annotations

from sportello import api
from sportello_lodging import models as m

BOOKING_CONFIRMED = api.NotificationKind(
    name="lodging.booking_confirmed",
    title="Booking confirmation",
    audience="requested",
    channels=("email",),
    params=("guest", "hotel", "arrival", "departure", "nights", "room_type", "reference"),
    description="Sent to the guest when a stay is booked confirmed or confirmed later.",
)


def reference(res: m.Reservation) -> str:
    """How the guest and the desk name a booking."""
    return f"R-{res.id:06d}"


async def send_confirmation(res: m.Reservation) -> None:
    site = await api.SiteModel.get(id=res.site_id)
    guest = await api.PartyModel.get(id=res.guest_id)
    room_type = await m.RoomType.get(id=res.room_type_id)
    await api.notify(
        BOOKING_CONFIRMED.name,
        party_ids=[res.guest_id],
        site_id=res.site_id,
        params={
            "guest": guest.display_name,
            "hotel": site.name,
            "arrival": res.arrival.isoformat(),
            "departure": res.departure.isoformat(),
            "nights": (res.departure - res.arrival).days,
            "room_type": room_type.name,
            "reference": reference(res),
        },
        key=f"reservation:{res.id}:confirmed",
    )
