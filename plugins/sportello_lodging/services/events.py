"""The events lodging publishes: their names and payloads, validated when published. Amounts are
decimals written as strings ("12.50"), dates ISO 8601."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

ROOM_STATUS_CHANGED = "lodging.room.status_changed"
FOLIO_CLOSED = "lodging.folio.closed"
FOLIO_PAYMENT_ADDED = "lodging.folio.payment_added"
RESERVATION_CHECKED_IN = "lodging.reservation.checked_in"
RESERVATION_CHECKED_OUT = "lodging.reservation.checked_out"


class RoomStatusChanged(BaseModel):
    """Payload of ``lodging.room.status_changed``: the room as it is after the change."""

    room_id: int = Field(description="The room's id")
    number: str = Field(description="The room's number, e.g. 101")
    occupancy: str = Field(description="vacant or occupied")
    cleanliness: str = Field(description="dirty, clean or inspected")


class FolioClosedLine(BaseModel):
    """One line of a closed folio: a charge or a payment (amounts are positive)."""

    kind: str = Field(description="room, city_tax, extra, payment or deposit")
    description: str = Field(description="As printed on the folio")
    night: dt.date | None = Field(description="The night a room or city tax line is for")
    quantity: int = Field(description="Nights, persons or items")
    unit_amount: str = Field(description="A decimal, as a string")
    amount: str = Field(description="quantity x unit_amount: a decimal, as a string")


class FolioClosed(BaseModel):
    """Payload of ``lodging.folio.closed``: the folio, every line, as it stood at checkout."""

    reservation_id: int = Field(description="The stay's id")
    guest_party_id: int = Field(description="The guest's party id")
    site_id: int = Field(description="The hotel's site id")
    lines: list[FolioClosedLine] = Field(description="Every line, in the order posted")
    total: str = Field(description="The charges: a decimal, as a string")
    paid: str = Field(description="Payments and deposits: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")


class FolioPaymentAdded(BaseModel):
    """Payload of ``lodging.folio.payment_added``: a payment or deposit and the balance after it."""

    reservation_id: int = Field(description="The stay's id")
    site_id: int = Field(description="The hotel's site id")
    kind: str = Field(description="payment or deposit")
    amount: str = Field(description="A decimal, as a string")
    balance: str = Field(description="What is still due after it: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")
    folio_closed: bool = Field(description="Paid after checkout, settling a folio closed unpaid")


class ReservationCheckedIn(BaseModel):
    """Payload of ``lodging.reservation.checked_in``: the stay, its room and its guest."""

    reservation_id: int = Field(description="The stay's id")
    room_id: int = Field(description="The room the guest checked in to")
    guest_party_id: int = Field(description="The guest's party id")


class ReservationCheckedOut(BaseModel):
    """Payload of ``lodging.reservation.checked_out``: the stay, its room and its guest."""

    reservation_id: int = Field(description="The stay's id")
    room_id: int = Field(description="The room the guest left")
    guest_party_id: int = Field(description="The guest's party id")
