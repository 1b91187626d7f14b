"""The booking confirmation: the guest hears of a confirmed stay by email, in their language.

Queued by a handler of the stay's ``lodging.reservation.created`` (booked confirmed) or
``lodging.reservation.changed`` (a draft confirmed later) event, after the booking commits: the
outbox makes it certain, the notification key makes it once, and the booking itself stays a
few statements. A guest without an email address, or who withdrew the consent to email, gets
nothing, and the log says why.
"""

from __future__ import annotations

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services.events import RESERVATION_CHANGED, RESERVATION_CREATED

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


async def _on_booked(event: api.Event) -> None:
    """A stay booked confirmed, or a draft confirmed: the guest hears of it (unless it was
    cancelled meanwhile)."""
    payload = event.payload
    if payload.get("status") != m.CONFIRMED:
        return
    if event.name == RESERVATION_CHANGED and "status" not in payload.get("changes", ()):
        return
    async with event.transaction():
        res = await m.Reservation.get_or_none(id=payload["reservation_id"])
        if res is not None and res.status == m.CONFIRMED:
            await send_confirmation(res)


HANDLERS = [
    api.EventHandler(RESERVATION_CREATED, "lodging.confirm_booking", _on_booked),
    api.EventHandler(RESERVATION_CHANGED, "lodging.confirm_draft", _on_booked),
]
