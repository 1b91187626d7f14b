"""The events lodging publishes: declared with payload models, and what a stay publishes carries
exactly the keys the models declare (amounts as decimal strings)."""

from __future__ import annotations

from typing import Any

from lodging_helpers import (
    CHARGE,
    CHECK_IN,
    CHECK_OUT,
    MODULES,
    PAY,
    TODAY,
    book,
    hotel,
    registry,
)

ROOM_KEYS = {"room_id", "number", "occupancy", "cleanliness"}
STAY_KEYS = {"reservation_id", "room_id", "guest_party_id"}
CLOSED_KEYS = {"reservation_id", "guest_party_id", "site_id", "lines", "total", "paid", "currency"}
LINE_KEYS = {"kind", "description", "night", "quantity", "unit_amount", "amount"}
#: Added in version 1 compatibly (optional, with defaults): the required keys stay the above.
CLOSED_ADDED = {"balance", "reservation_status", "bill_to_party_id", "bill_to_charge_codes"}
LINE_ADDED = {"line_id", "charge_code", "method", "reverses_line_id", "voided", "reason"}
PAYMENT_ADDED = {"line_id", "method"}
PAYMENT_KEYS = {
    "reservation_id",
    "site_id",
    "kind",
    "amount",
    "balance",
    "currency",
    "folio_closed",
}


def test_every_event_type_has_a_payload_model() -> None:
    from sportello_lodging.plugin import office

    declared = {etype.name: etype for etype in office.event_types}
    assert set(declared) == {
        "lodging.room.status_changed",
        "lodging.folio.closed",
        "lodging.folio.payment_added",
        "lodging.folio.line_voided",
        "lodging.folio.payment_refunded",
        "lodging.reservation.checked_in",
        "lodging.reservation.checked_out",
        "lodging.reservation.created",
        "lodging.reservation.changed",
        "lodging.reservation.cancelled",
        "lodging.reservation_group.created",
        "lodging.reservation_group.rooms_added",
        "lodging.reservation_group.cancelled",
    }
    for etype in declared.values():
        assert etype.model is not None, etype.name
    closed = declared["lodging.folio.closed"].schema()
    assert set(closed["required"]) == CLOSED_KEYS
    assert set(closed["$defs"]["FolioClosedLine"]["required"]) == LINE_KEYS


async def test_a_stay_publishes_the_declared_keys(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 1))["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        charge = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.5"}
        await h.ok(CHARGE, {"i": charge}, as_="front_desk")
        await h.ok(PAY, {"i": {"reservationId": rid, "amount": "100"}}, as_="front_desk")
        await h.ok(CHECK_OUT, {"i": {"id": rid, "allowUnpaid": True}}, as_="manager")

        from sportello.events.models import OutboxEvent

        events: dict[str, list[dict[str, Any]]] = {}
        for event in await OutboxEvent.filter(name__startswith="lodging.").order_by("id"):
            events.setdefault(event.name, []).append(event.payload)
        assert [set(p) for p in events["lodging.room.status_changed"]] == [ROOM_KEYS, ROOM_KEYS]
        assert [set(p) for p in events["lodging.reservation.checked_in"]] == [STAY_KEYS]
        assert [set(p) for p in events["lodging.reservation.checked_out"]] == [STAY_KEYS]
        (payment,) = events["lodging.folio.payment_added"]
        assert set(payment) == PAYMENT_KEYS | PAYMENT_ADDED
        assert (payment["kind"], payment["amount"], payment["folio_closed"]) == (
            "payment",
            "100.00",
            False,
        )
        assert payment["method"] == "card"
        (closed,) = events["lodging.folio.closed"]
        assert set(closed) == CLOSED_KEYS | CLOSED_ADDED
        assert (closed["balance"], closed["reservation_status"]) == ("6.50", "checked_out")
        assert all(set(line) == LINE_KEYS | LINE_ADDED for line in closed["lines"])
        # a night at 100.00, its city tax (2.00), the minibar
        assert (closed["total"], closed["paid"], closed["currency"]) == ("106.50", "100.00", "EUR")
        minibar = next(line for line in closed["lines"] if line["kind"] == "extra")
        assert minibar == {
            "line_id": minibar["line_id"],
            "kind": "extra",
            "charge_code": "EXTRA",
            "description": "Minibar",
            "night": None,
            "quantity": 1,
            "unit_amount": "4.50",
            "amount": "4.50",
            "method": None,
            "reverses_line_id": None,
            "voided": False,
            "reason": "",
        }
        (night,) = (line for line in closed["lines"] if line["kind"] == "room")
        assert night["night"] == TODAY.isoformat() and night["unit_amount"] == "100.00"
        assert night["charge_code"] == "ROOM_NIGHT"
        (tax,) = (line for line in closed["lines"] if line["kind"] == "city_tax")
        assert tax["charge_code"] == "CITY_TAX"
        (paid,) = (line for line in closed["lines"] if line["kind"] == "payment")
        assert (paid["method"], paid["charge_code"], paid["amount"]) == ("card", "", "100.00")
