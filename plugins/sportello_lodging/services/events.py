"""The events lodging publishes: their names and payloads, validated when published. Amounts are
decimals written as strings ("12.50"), dates ISO 8601."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

ROOM_STATUS_CHANGED = "lodging.room.status_changed"
FOLIO_CLOSED = "lodging.folio.closed"
FOLIO_PAYMENT_ADDED = "lodging.folio.payment_added"
FOLIO_LINE_VOIDED = "lodging.folio.line_voided"
FOLIO_PAYMENT_REFUNDED = "lodging.folio.payment_refunded"
RESERVATION_CHECKED_IN = "lodging.reservation.checked_in"
RESERVATION_CHECKED_OUT = "lodging.reservation.checked_out"
RESERVATION_CREATED = "lodging.reservation.created"
RESERVATION_CHANGED = "lodging.reservation.changed"
RESERVATION_CANCELLED = "lodging.reservation.cancelled"
RESERVATION_GROUP_CREATED = "lodging.reservation_group.created"
RESERVATION_GROUP_ROOMS_ADDED = "lodging.reservation_group.rooms_added"
RESERVATION_GROUP_CANCELLED = "lodging.reservation_group.cancelled"


class RoomStatusChanged(BaseModel):
    """Payload of ``lodging.room.status_changed``: the room as it is after the change."""

    room_id: int = Field(description="The room's id")
    number: str = Field(description="The room's number, e.g. 101")
    occupancy: str = Field(description="vacant or occupied")
    cleanliness: str = Field(description="dirty, clean or inspected")


class FolioClosedLine(BaseModel):
    """One line of a closed folio: a charge or a payment. Amounts are positive, except on the
    reversing line of a void (negative quantity and amount) and on a refund (negative amount)."""

    kind: str = Field(description="room, city_tax, extra, fee, payment or deposit")
    description: str = Field(description="As printed on the folio")
    night: dt.date | None = Field(description="The night a room or city tax line is for")
    quantity: int = Field(description="Nights, persons or items (negative on a void's line)")
    unit_amount: str = Field(description="A decimal, as a string")
    amount: str = Field(description="quantity x unit_amount: a decimal, as a string")
    line_id: int | None = Field(
        default=None, description="The line's id (what a later void or refund names)"
    )
    charge_code: str = Field(
        default="",
        description=(
            "What a charge is for: ROOM_NIGHT, CITY_TAX, CANCELLATION_FEE, NO_SHOW_FEE or an "
            "extra's code (EXTRA, MINIBAR, BREAKFAST ...); empty on payments"
        ),
    )
    method: str | None = Field(
        default=None,
        description=(
            "How a payment, deposit or refund was made: cash, card, bank_transfer, cheque, "
            "direct_debit, other or a configured code; null on charges"
        ),
    )
    reverses_line_id: int | None = Field(
        default=None,
        description="On a void's reversing line or a refund: the line it reverses",
    )
    voided: bool = Field(
        default=False, description="The line was voided (its reversing line is in the folio too)"
    )
    reason: str = Field(default="", description="Why a line was voided or a payment refunded")


class FolioClosed(BaseModel):
    """Payload of ``lodging.folio.closed``: the folio, every line, as it stood at checkout (or
    when a cancelled or no-show reservation's deposit was settled)."""

    reservation_id: int = Field(description="The stay's id")
    guest_party_id: int = Field(description="The guest's party id")
    site_id: int = Field(description="The hotel's site id")
    lines: list[FolioClosedLine] = Field(description="Every line, in the order posted")
    total: str = Field(description="The charges: a decimal, as a string")
    paid: str = Field(description="Payments and deposits less refunds: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")
    balance: str | None = Field(
        default=None,
        description=(
            "total - paid: 0 when settled, positive when closed unpaid by a manager (payments "
            "follow as lodging.folio.payment_added)"
        ),
    )
    reservation_status: str = Field(
        default="checked_out", description="checked_out, cancelled or no_show"
    )
    bill_to_party_id: int | None = Field(
        default=None,
        description="The party (a company) billed for the charges of bill_to_charge_codes",
    )
    bill_to_charge_codes: list[str] = Field(
        default_factory=list,
        description="The charge codes billed to bill_to_party_id (empty: every charge)",
    )


class FolioPaymentAdded(BaseModel):
    """Payload of ``lodging.folio.payment_added``: a payment or deposit and the balance after it."""

    reservation_id: int = Field(description="The stay's id")
    site_id: int = Field(description="The hotel's site id")
    kind: str = Field(description="payment or deposit")
    amount: str = Field(description="A decimal, as a string")
    balance: str = Field(description="What is still due after it: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")
    folio_closed: bool = Field(description="Paid after checkout, settling a folio closed unpaid")
    line_id: int | None = Field(default=None, description="The payment line's id")
    method: str | None = Field(default=None, description="cash, card, bank_transfer, ...")


class FolioLineVoided(BaseModel):
    """Payload of ``lodging.folio.line_voided``: a charge was voided by a reversing line."""

    reservation_id: int = Field(description="The stay's id")
    site_id: int = Field(description="The hotel's site id")
    guest_party_id: int = Field(description="The guest's party id")
    line_id: int = Field(description="The voided line")
    void_line_id: int = Field(description="The reversing line added")
    kind: str = Field(description="The voided line's kind: room, city_tax, extra or fee")
    charge_code: str = Field(description="The voided line's charge code")
    amount: str = Field(description="The amount taken off the folio (positive): a decimal")
    reason: str = Field(description="Why it was voided")
    balance: str = Field(description="What is still due after it: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")
    folio_closed: bool = Field(
        description="Voided after the folio was closed (a credit note is due if it was invoiced)"
    )


class FolioPaymentRefunded(BaseModel):
    """Payload of ``lodging.folio.payment_refunded``: money given back on a payment or deposit."""

    reservation_id: int = Field(description="The stay's id")
    site_id: int = Field(description="The hotel's site id")
    guest_party_id: int = Field(description="The guest's party id")
    line_id: int = Field(description="The refund line (a negative payment or deposit)")
    refunded_line_id: int = Field(description="The payment or deposit refunded")
    kind: str = Field(description="payment or deposit")
    method: str = Field(description="How the money goes back (the payment's method)")
    amount: str = Field(description="The amount refunded (positive): a decimal, as a string")
    reason: str = Field(description="Why")
    balance: str = Field(description="What is still due after it: a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")
    folio_closed: bool = Field(
        description="Refunded after the folio was closed (checked out, cancelled or no-show)"
    )


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


class ReservationState(BaseModel):
    """A reservation as a channel manager keeps it in step: which channel sold it under which id,
    the room type and room, the nights and the rate plan. The payload of
    ``lodging.reservation.created`` and ``lodging.reservation.cancelled``."""

    reservation_id: int = Field(description="The stay's id")
    reference: str = Field(description="The booking reference the guest was given: R-000123")
    site_id: int = Field(description="The hotel's site id")
    status: str = Field(
        description="draft, confirmed, checked_in, checked_out, cancelled or no_show"
    )
    guest_party_id: int = Field(description="The guest's party id")
    channel: str = Field(description="Who sold the stay: direct, booking.com, ...")
    channel_booking_id: str | None = Field(
        description="The booking's id at that channel, if it gave one"
    )
    room_type_id: int = Field(description="The room type's id")
    room_type_code: str = Field(description="The room type's code at the site, e.g. DBL")
    room_id: int = Field(description="The room assigned")
    by_room_type: bool = Field(description="Booked by room type (the room may be re-assigned)")
    arrival: dt.date = Field(description="The first night")
    departure: dt.date = Field(description="The day the guest leaves (not a night of the stay)")
    adults: int = Field(description="Adults in the room")
    children: int = Field(description="Children in the room")
    rate_plan_id: int | None = Field(description="The rate plan the stay was sold on, if any")
    rate_plan_code: str | None = Field(description="That plan's code, e.g. FLEX")
    rate: str = Field(description="The nightly rate agreed (first night): a decimal, as a string")
    currency: str = Field(description="ISO 4217 code, e.g. EUR")


class ReservationChanged(ReservationState):
    """Payload of ``lodging.reservation.changed``: the reservation after the change, what changed
    and what it was before."""

    changes: list[str] = Field(description="What changed: dates, room, guest and/or status")
    previous_arrival: dt.date | None = Field(
        default=None, description="The arrival before, when the dates changed"
    )
    previous_departure: dt.date | None = Field(
        default=None, description="The departure before, when the dates changed"
    )
    previous_room_id: int | None = Field(
        default=None, description="The room before, when the room changed"
    )
    previous_room_type_id: int | None = Field(
        default=None, description="The room type before, when the room changed"
    )
    previous_guest_party_id: int | None = Field(
        default=None, description="The guest before, when the guest changed"
    )
    previous_status: str | None = Field(
        default=None, description="The status before, when the status changed"
    )


class ReservationGroupState(BaseModel):
    """Payload of ``lodging.reservation_group.*``: the group and the reservations the change
    touched (each also has its own ``lodging.reservation.created`` or ``.cancelled``)."""

    group_id: int = Field(description="The group's id")
    site_id: int = Field(description="The hotel's site id")
    name: str = Field(description="The group's name")
    holder_party_id: int = Field(description="The party holding the group (a tour operator)")
    booking_reference: str | None = Field(description="The holder's reference for the booking")
    billing: str = Field(description="master, individual or rooms_to_master")
    reservation_ids: list[int] = Field(
        description="The reservations booked (created, rooms_added) or cancelled (cancelled)"
    )
