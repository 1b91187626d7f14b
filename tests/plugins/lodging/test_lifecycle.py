from __future__ import annotations

from typing import Any

from lodging_helpers import (
    CANCEL,
    CHARGE,
    CHECK_IN,
    CHECK_OUT,
    CLEAN,
    CONFIRM,
    DATES,
    GUESTS,
    MODULES,
    MOVE,
    NO_SHOW,
    PAY,
    TODAY,
    audit,
    book,
    day,
    hotel,
    lines,
    registry,
    travel,
)


async def run(h: Any, query: str, name: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    return (await h.ok(query, {"i": i}, as_=as_))[name]


async def test_stay_from_booking_to_checkout(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2, rate="100.00")
        room_id = setup["rooms"][0]["id"]
        res = (await book(h, room_id, 0, 2, adults=2))["reservation"]
        rid = res["id"]

        # Refused transitions: a confirmed stay cannot be checked out or confirmed again.
        out = await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid})
        assert out["errors"][0]["code"] == "INVALID_TRANSITION"
        assert "confirmed" in out["errors"][0]["message"]
        again = await run(h, CONFIRM, "reservationConfirm", {"id": rid})
        assert again["errors"][0]["code"] == "INVALID_TRANSITION"

        # The guest registry must cover everyone in the room.
        short = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": GUESTS[:1]})
        assert short["errors"][0]["code"] == "GUEST_REGISTRY_INCOMPLETE"
        bad = [{**GUESTS[0], "issuingCountry": "Italy"}, GUESTS[1]]
        invalid = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": bad})
        assert invalid["errors"][0]["field"] == "guests.0.issuingCountry"

        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": GUESTS})
        assert checked["errors"] == []
        stay = checked["reservation"]
        assert stay["status"] == "CHECKED_IN"
        assert stay["room"]["status"] == "OCCUPIED_CLEAN"
        # Nothing is posted at check-in: the night audit posts each night.
        assert stay["folio"]["total"] == "0.00" and lines(stay["folio"]) == []
        (report,) = await audit(h, setup["site"]["id"], 0)
        assert report["closed"] is True and report["roomsSold"] == 1
        # The first night: 100.00 + city tax 2 adults x 2.00
        assert sorted((r["chargeCode"], r["amount"]) for r in report["revenue"]) == [
            ("CITY_TAX", "4.00"),
            ("ROOM_NIGHT", "100.00"),
        ]
        cannot_cancel = await run(h, CANCEL, "reservationCancel", {"id": rid})
        assert cannot_cancel["errors"][0]["code"] == "INVALID_TRANSITION"

        charge = await run(
            h,
            CHARGE,
            "folioChargeAdd",
            {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50", "quantity": 2},
        )
        assert charge["reservation"]["folio"]["total"] == "113.00"
        deposit = await run(
            h, PAY, "folioPaymentAdd", {"reservationId": rid, "amount": "100", "deposit": True}
        )
        assert deposit["line"]["kind"] == "DEPOSIT"
        assert deposit["reservation"]["folio"]["balance"] == "13.00"

        # Early checkout (today < departure): the second night is released.
        unpaid = await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid})
        assert unpaid["errors"][0]["code"] == "FOLIO_UNPAID"
        forbidden = await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid, "allowUnpaid": True})
        assert forbidden["errors"][0]["code"] == "FORBIDDEN"
        reg = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Reservation { status departure "
            "registrations { fullName documentNumber issuingCountry } } } }",
            {"id": rid},
            as_="front_desk",
        )
        assert reg["node"]["status"] == "CHECKED_IN"
        assert reg["node"]["departure"] == day(2)
        assert reg["node"]["registrations"][0] == {
            "fullName": "Giulia Rossi",
            "documentNumber": "CA1234567",
            "issuingCountry": "IT",
        }

        pay = await run(h, PAY, "folioPaymentAdd", {"reservationId": rid, "amount": "8.00"})
        # One night left: 100 + 2x2 tax + 9 minibar = 113, paid 108.
        out = await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid})
        assert out["errors"][0]["code"] == "FOLIO_UNPAID"
        assert pay["reservation"]["folio"]["paid"] == "108.00"
        manager = await run(
            h, CHECK_OUT, "reservationCheckOut", {"id": rid, "allowUnpaid": True}, as_="manager"
        )
        assert manager["errors"] == []
        done = manager["reservation"]
        assert done["status"] == "CHECKED_OUT"
        assert done["departure"] == day(1)
        assert done["folio"]["total"] == "113.00" and done["folio"]["balance"] == "5.00"
        assert done["room"]["status"] == "VACANT_DIRTY"

        closed = await run(
            h,
            CHARGE,
            "folioChargeAdd",
            {"reservationId": rid, "description": "x", "unitAmount": "1"},
        )
        assert closed["errors"][0]["code"] == "FOLIO_CLOSED"
        twice = await run(h, CHECK_OUT, "reservationCheckOut", {"id": rid})
        assert twice["errors"][0]["code"] == "INVALID_TRANSITION"

        # The released night is bookable again; the checked-out night is not.
        assert (await book(h, room_id, 1, 2, name="Ana Martín"))["errors"] == []
        assert (await book(h, room_id, 0, 1, name="Ana Martín"))["errors"][0]["code"] == (
            "ROOM_UNAVAILABLE"
        )

        # Housekeeping cleans and inspects the room.
        cleaned = await run(
            h, CLEAN, "roomCleanlinessSet", {"id": room_id, "cleanliness": "INSPECTED"}
        )
        assert cleaned["room"]["status"] == "VACANT_INSPECTED"

        from sportello.events.models import OutboxEvent
        from sportello.identity.models import AuditEntry

        closed_event = await OutboxEvent.get(name="lodging.folio.closed")
        payload = closed_event.payload
        assert payload["total"] == "113.00" and payload["paid"] == "108.00"
        assert payload["currency"] == "EUR"
        assert {line["amount"] for line in payload["lines"]} >= {"100.00", "4.00", "9.00"}
        operations = set(await AuditEntry.all().values_list("operation", flat=True))
        assert {"reservationCreate", "reservationCheckIn", "reservationCheckOut"} <= operations
        assert {"folioChargeAdd", "folioPaymentAdd", "roomStatusChange"} <= operations


async def test_cancel_no_show_confirm_move_and_dates(sportello_app, monkeypatch) -> None:
    import datetime as dt

    from sportello_lodging.services import clock

    # After the check-in hour (14:00 in Rome) of today: a no-show may be recorded.
    afternoon = dt.datetime.combine(TODAY, dt.time(15), dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: afternoon)
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        a, b = (r["id"] for r in setup["rooms"])
        future = (await book(h, a, 3, 5))["reservation"]["id"]
        early = await run(h, NO_SHOW, "reservationNoShow", {"id": future})
        assert early["errors"][0]["code"] == "TOO_EARLY"
        too_early = await run(h, CHECK_IN, "reservationCheckIn", {"id": future})
        assert too_early["errors"][0]["code"] == "TOO_EARLY"

        today = (await book(h, b, 0, 1, name="Dimitra Nikolaou"))["reservation"]["id"]
        gone = await run(h, NO_SHOW, "reservationNoShow", {"id": today})
        assert gone["reservation"]["status"] == "NO_SHOW"
        assert (await run(h, CANCEL, "reservationCancel", {"id": today}))["errors"][0][
            "code"
        ] == "INVALID_TRANSITION"

        draft = (await book(h, b, 3, 5, name="Lucía Fernández", status="DRAFT"))["reservation"]
        assert draft["status"] == "DRAFT"
        # Move the confirmed stay to room b: the draft there holds nothing, so it works.
        moved = await run(h, MOVE, "reservationMove", {"id": future, "roomId": b})
        assert moved["reservation"]["room"]["id"] == b
        # Now the draft cannot be confirmed on b.
        blocked = await run(h, CONFIRM, "reservationConfirm", {"id": draft["id"]})
        assert blocked["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        # Late departure for the stay on b, then the draft moves to a and is confirmed.
        longer = await run(h, DATES, "reservationDatesChange", {"id": future, "departure": day(7)})
        assert longer["reservation"]["departure"] == day(7)
        await run(h, MOVE, "reservationMove", {"id": draft["id"], "roomId": a})
        ok = await run(h, CONFIRM, "reservationConfirm", {"id": draft["id"]})
        assert ok["reservation"]["status"] == "CONFIRMED"
        clash = await run(h, MOVE, "reservationMove", {"id": future, "roomId": a})
        assert clash["errors"][0]["code"] == "ROOM_UNAVAILABLE"
        bad_dates = await run(
            h, DATES, "reservationDatesChange", {"id": future, "departure": day(3)}
        )
        assert bad_dates["errors"][0]["code"] == "INVALID_DATES"


# The core cost rule counts every nested list as a full page (100 x 100 for the availability
# rooms and the rack cells); until it takes a size hint for bounded lists these two queries need
# a higher max_cost (reported to the core owners).
BOUNDED_LISTS = {"max_cost": 1_000_000}


async def test_availability_honours_reservations_closures_and_party_size(sportello_app) -> None:
    async with sportello_app(MODULES, graphql=BOUNDED_LISTS) as h:
        setup = await hotel(h, rooms=3, capacity=2)
        site = setup["site"]["id"]
        a, b, c = (r["id"] for r in setup["rooms"])
        await book(h, a, 1, 3)
        closed = await h.ok(
            "mutation($i: RoomClosureCreateInput!) { roomClosureCreate(input: $i) {"
            " room { number status } errors { code } } }",
            {"i": {"roomId": b, "start": day(0), "end": day(2), "reason": "Leaking shower"}},
            as_="manager",
        )
        assert closed["roomClosureCreate"]["room"]["status"] == "OUT_OF_ORDER"
        query = """
        query($s: ID!, $a: Date!, $d: Date!, $n: Int!) {
          roomAvailability(siteId: $s, arrival: $a, departure: $d, adults: $n, children: 0) {
            roomType { id name } available rooms { id number }
          }
        }
        """
        found = await h.ok(query, {"s": site, "a": day(1), "d": day(2), "n": 2}, as_="front_desk")
        assert found["roomAvailability"][0]["available"] == 1
        assert [r["id"] for r in found["roomAvailability"][0]["rooms"]] == [c]
        later = await h.ok(query, {"s": site, "a": day(3), "d": day(5), "n": 2}, as_="front_desk")
        assert later["roomAvailability"][0]["available"] == 3
        too_many = await h.ok(
            query, {"s": site, "a": day(3), "d": day(5), "n": 3}, as_="front_desk"
        )
        assert too_many["roomAvailability"] == []
        over = await book(h, c, 3, 4, adults=3)
        assert over["errors"][0]["code"] == "OVER_CAPACITY"
        closed_room = await book(h, b, 1, 2)
        assert closed_room["errors"][0]["code"] == "ROOM_UNAVAILABLE"

        rack = await h.ok(
            "query($s: ID!, $f: Date!) { roomRack(siteId: $s, from: $f, days: 4, first: 1) {"
            " totalCount pageInfo { hasNextPage endCursor }"
            " edges { node { room { id number } cells { date reservation { id guestName status } }"
            " } } } }",
            {"s": site, "f": TODAY.isoformat()},
            as_="front_desk",
        )
        page = rack["roomRack"]
        assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
        row_a = page["edges"][0]["node"]
        assert row_a["room"]["id"] == a
        names = [
            cell["reservation"] and cell["reservation"]["guestName"] for cell in row_a["cells"]
        ]
        assert names == [None, "Giulia Rossi", "Giulia Rossi", None]


async def test_permissions(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1)
        room_id = setup["rooms"][0]["id"]
        denied = await h.gql(
            "mutation($i: ReservationCreateInput!) { reservationCreate(input: $i) { errors { code } } }",
            {
                "i": {
                    "roomId": room_id,
                    "guest": {"fullName": "X Y"},
                    "arrival": day(0),
                    "departure": day(1),
                }
            },
            as_="back_office",
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        anonymous = await h.gql("{ rooms(first: 1) { edges { node { id } } } }", as_=None)
        assert anonymous["errors"]
        # A user of another site sees no rooms and cannot book here.
        token = await h.token(roles=["front_desk"], sites=[999])
        rooms = await h.ok("{ rooms(first: 5) { edges { node { id } } } }", token=token)
        assert rooms["rooms"]["edges"] == []
        other = await h.ok(
            "mutation($i: ReservationCreateInput!) { reservationCreate(input: $i) { errors { code field } } }",
            {
                "i": {
                    "roomId": room_id,
                    "guest": {"fullName": "X Y"},
                    "arrival": day(0),
                    "departure": day(1),
                }
            },
            token=token,
        )
        assert other["reservationCreate"]["errors"] == [{"code": "NOT_FOUND", "field": "roomId"}]


async def test_late_departure_posts_nights_and_front_desk_lists(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=2)
        a, b = (r["id"] for r in setup["rooms"])
        rid = (await book(h, a, 0, 1, adults=1))["reservation"]["id"]
        other = (await book(h, b, 0, 2, name="Pablo Pérez"))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(1)})
        longer = await run(h, DATES, "reservationDatesChange", {"id": rid, "departure": day(3)})
        assert longer["errors"] == []
        # 3 nights, none posted yet: the night audits (or the checkout) post them.
        assert longer["reservation"]["departure"] == day(3)
        assert longer["reservation"]["folio"]["total"] == "0.00"
        moved_arrival = await run(
            h, DATES, "reservationDatesChange", {"id": rid, "arrival": day(-1)}
        )
        assert moved_arrival["errors"][0]["field"] == "arrival"
        lists = await h.ok(
            "query($d: Date!, $e: Date!) {"
            " lodgingArrivals(day: $d, first: 10) { edges { node { id status } } }"
            " lodgingDepartures(day: $e, first: 10) { edges { node { id } } }"
            " lodgingInHouse(first: 10) { edges { node { id guestName room { number } } } }"
            " checkedIn: reservations(first: 10, status: CHECKED_IN) { edges { node { id } } }"
            " window: reservations(first: 10, from: $e, to: $e) { edges { node { id } } } }",
            {"d": day(0), "e": day(2)},
            as_="front_desk",
        )
        assert {e["node"]["id"] for e in lists["lodgingArrivals"]["edges"]} == {rid, other}
        assert [e["node"]["id"] for e in lists["lodgingDepartures"]["edges"]] == [other]
        in_house = lists["lodgingInHouse"]["edges"]
        assert [(e["node"]["id"], e["node"]["room"]["number"]) for e in in_house] == [(rid, "100")]
        assert [e["node"]["id"] for e in lists["checkedIn"]["edges"]] == [rid]
        # Stays with a night on day 2 (arrival before, departure after): only the extended one.
        assert [e["node"]["id"] for e in lists["window"]["edges"]] == [rid]
        present = await h.ok(
            "{ presentNow { arrivalKind partyName arrivalStatus } }", as_="front_desk"
        )
        assert present["presentNow"] == [
            {"arrivalKind": "reservation", "partyName": "Giulia Rossi", "arrivalStatus": "arrived"}
        ]


async def test_a_room_still_occupied_refuses_the_next_check_in(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        travel(monkeypatch, -2)
        staying = (await book(h, room, -2, 0))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": staying, "guests": registry(1)})
        travel(monkeypatch, 0)
        # The room is free from tonight, but its guest has not checked out yet (late checkout).
        arriving = (await book(h, room, 0, 2, name="Javier López"))["reservation"]["id"]
        guests = [{**registry(1)[0], "fullName": "Javier López"}]
        busy = await run(h, CHECK_IN, "reservationCheckIn", {"id": arriving, "guests": guests})
        assert busy["reservation"] is None
        assert busy["errors"] == [
            {
                "field": "id",
                "code": "ROOM_OCCUPIED",
                "message": "Another guest is still checked in to this room.",
            }
        ]
        out = await run(
            h, CHECK_OUT, "reservationCheckOut", {"id": staying, "allowUnpaid": True}, "manager"
        )
        assert out["reservation"]["room"]["status"] == "VACANT_DIRTY"
        # Not into a dirty room: housekeeping cleans it first.
        dirty = await run(h, CHECK_IN, "reservationCheckIn", {"id": arriving, "guests": guests})
        assert [(e["field"], e["code"]) for e in dirty["errors"]] == [("id", "ROOM_DIRTY")]
        await run(
            h, CLEAN, "roomCleanlinessSet", {"id": room, "cleanliness": "CLEAN"}, "housekeeping"
        )
        ok = await run(h, CHECK_IN, "reservationCheckIn", {"id": arriving, "guests": guests})
        assert ok["errors"] == [] and ok["reservation"]["room"]["status"] == "OCCUPIED_CLEAN"
