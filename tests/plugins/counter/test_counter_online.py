"""Citizens book by themselves, without an account: public slots, booking with an email (and a
phone number), limits per contact and per day (also under concurrent requests), the booking
window, cancelling and moving by the code, the confirmation by email in the citizen's
language, and "your turn is near" once the queue is short."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from counter_helpers import DAY, MODULES, SERVICE_UPDATE, at, call, issue, office, release

TOMORROW = DAY + dt.timedelta(days=1)
SERVICES = "query($s: ID) { publicCounterServices(siteId: $s) { id name siteName serviceMinutes } }"
SLOTS = """
query($s: ID!, $d: Date!) { publicAppointmentSlots(serviceId: $s, day: $d) { start available } }
"""
VIEW = "code name serviceName siteName slotAt status statusLabel"
BOOK = f"""
mutation($i: PublicAppointmentBookInput!) {{
  publicAppointmentBook(input: $i) {{ publicAppointment {{ {VIEW} }} errors {{ field code message }} }}
}}
"""
FIND = (
    f"query($c: String!, $k: String!) {{ publicAppointment(code: $c, contact: $k) {{ {VIEW} }} }}"
)
CANCEL = f"""
mutation($i: PublicAppointmentCancelInput!) {{
  publicAppointmentCancel(input: $i) {{ publicAppointment {{ {VIEW} }} errors {{ field code }} }}
}}
"""
MOVE = f"""
mutation($i: PublicAppointmentRescheduleInput!) {{
  publicAppointmentReschedule(input: $i) {{ publicAppointment {{ {VIEW} }} errors {{ field code }} }}
}}
"""
CHECK_IN = """
mutation($i: AppointmentCheckInInput!) {
  appointmentCheckIn(input: $i) { ticket { id number } errors { code } }
}
"""


async def public_office(h: Any, **kw: Any) -> dict[str, Any]:
    """A site whose service A is open to online booking (B is not)."""
    kw.setdefault("counters", (("A", "B"),))
    setup = await office(h, services=("A", "B"), **kw)
    for prefix, public in (("A", True), ("B", False)):
        data = await h.ok(
            SERVICE_UPDATE,
            {"i": {"id": setup["services"][prefix], "publicBooking": public}},
            as_="manager",
        )
        assert data["counterServiceUpdate"]["errors"] == [], data
    return setup


async def book(h: Any, service: str, when: dt.datetime, **who: Any) -> dict[str, Any]:
    i = {"serviceId": service, "slotAt": when.isoformat(), "name": "Maria Verdi"}
    i.update({"email": "maria@test.example"} | who)
    data = await h.ok(BOOK, {"i": i}, as_=None, headers=who.pop("headers", None))
    return data["publicAppointmentBook"]


def configure(**settings: Any) -> None:
    from sportello_counter import services
    from sportello_counter.settings import CounterSettings

    services.configure(CounterSettings(**settings))


async def test_a_citizen_books_moves_and_cancels_by_the_code(
    sportello_app, clock, mail_server
) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await public_office(h, service_minutes=30)
        a, b = setup["services"]["A"], setup["services"]["B"]
        listed = (await h.ok(SERVICES, as_=None))["publicCounterServices"]
        assert [(s["id"], s["name"], s["siteName"]) for s in listed] == [
            (a, "Service A", "Comune COMUNE")
        ]
        slots = (await h.ok(SLOTS, {"s": a, "d": TOMORROW.isoformat()}, as_=None))[
            "publicAppointmentSlots"
        ]
        assert len(slots) == 48 and all(s["available"] == 1 for s in slots)
        assert (await h.ok(SLOTS, {"s": b, "d": TOMORROW.isoformat()}, as_=None))[
            "publicAppointmentSlots"
        ] == []
        # Today: nothing sooner than the notice (60 minutes) from 08:00 and some seconds.
        today = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}, as_=None))[
            "publicAppointmentSlots"
        ]
        assert today[0]["start"].startswith(f"{DAY.isoformat()}T09:30")

        got = await h.gql(
            BOOK,
            {
                "i": {
                    "serviceId": a,
                    "slotAt": at(TOMORROW, "09:30").isoformat(),
                    "name": " Maria Verdi ",
                    "email": " Maria@Test.example ",
                    "phone": "333 123 4567",
                }
            },
            as_=None,
            headers={"accept-language": "it"},
        )
        booked = got["data"]["publicAppointmentBook"]
        assert booked["errors"] == []
        appt = booked["publicAppointment"]
        code = appt["code"]
        assert len(code) == 8
        assert (appt["name"], appt["serviceName"], appt["status"], appt["statusLabel"]) == (
            "Maria Verdi",
            "Service A",
            "BOOKED",
            "prenotato",
        )
        # The confirmation (in Italian, the language the citizen booked in) carries the code.
        messages = await mail_server.received(2)  # the confirmation, and the reminder (due)
        assert sorted(m["Subject"].split(" ")[0] for m in messages) == [
            "Appuntamento",
            "Promemoria:",
        ]
        confirmation = next(m for m in messages if "confermato" in m["Subject"])
        assert confirmation["To"] == "maria@test.example"
        assert code in confirmation["Subject"]
        # The desk sees the contact on the appointment.
        from sportello_counter.models import Appointment

        row = await Appointment.get(code=code)
        assert (row.contact_email, row.contact_phone, row.channel) == (
            "maria@test.example",
            "+393331234567",
            "online",
        )
        # Found by the code and the email or the phone, in any form; nothing else finds it.
        for contact in ("maria@test.example", "MARIA@test.example", "+39 333 1234567"):
            found = await h.ok(FIND, {"c": code.lower(), "k": contact}, as_=None)
            assert found["publicAppointment"]["code"] == code, contact
        for c, k in (
            (code, "other@test.example"),
            (code, "+39 333 7654321"),
            ("XXXXXXXX", "maria@test.example"),
        ):
            assert (await h.ok(FIND, {"c": c, "k": k}, as_=None))["publicAppointment"] is None
        wrong = await h.ok(CANCEL, {"i": {"code": code, "contact": "x@test.example"}}, as_=None)
        assert wrong["publicAppointmentCancel"]["errors"] == [
            {"field": "code", "code": "NOT_FOUND"}
        ]

        moved = await h.ok(
            MOVE,
            {
                "i": {
                    "code": code,
                    "contact": "333 1234567",
                    "slotAt": at(TOMORROW, "11:00").isoformat(),
                }
            },
            as_=None,
        )
        assert moved["publicAppointmentReschedule"]["errors"] == []
        assert moved["publicAppointmentReschedule"]["publicAppointment"]["slotAt"].startswith(
            f"{TOMORROW.isoformat()}T11:00"
        )
        cancelled = await h.ok(
            CANCEL, {"i": {"code": code, "contact": "maria@test.example"}}, as_=None
        )
        assert cancelled["publicAppointmentCancel"]["publicAppointment"]["status"] == "CANCELLED"
        again = await h.ok(CANCEL, {"i": {"code": code, "contact": "maria@test.example"}}, as_=None)
        assert again["publicAppointmentCancel"]["errors"] == [
            {"field": "id", "code": "INVALID_TRANSITION"}
        ]
        # A service not open to online booking takes none.
        refused = await book(h, b, at(TOMORROW, "09:30"))
        assert refused["errors"] == [
            {"field": "serviceId", "code": "NOT_FOUND", "message": "Not found."}
        ]


async def test_window_and_limits_per_contact(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await public_office(h, service_minutes=30)
        configure(public_window_days=5, public_max_active=2, public_min_notice_minutes=60)
        a = setup["services"]["A"]

        def codes(result: dict[str, Any]) -> list[tuple[str | None, str]]:
            return [(e["field"], e["code"]) for e in result["errors"]]

        too_soon = await book(h, a, at(DAY, "08:30"))
        assert codes(too_soon) == [("slotAt", "OUTSIDE_WINDOW")]
        too_far = await book(h, a, at(DAY + dt.timedelta(days=6), "09:00"))
        assert codes(too_far) == [("slotAt", "OUTSIDE_WINDOW")]
        assert codes(await book(h, a, at(DAY, "08:07"), email="")) == [("email", "REQUIRED")]
        assert codes(await book(h, a, at(TOMORROW, "09:00"), email="nobody")) == [
            ("email", "INVALID")
        ]
        assert codes(await book(h, a, at(TOMORROW, "09:00"), phone="12")) == [("phone", "INVALID")]

        first = await book(h, a, at(TOMORROW, "09:00"), phone="+39 333 1111111")
        assert first["errors"] == []
        # One a day per email, and per phone number (another email, the same phone).
        same_day = await book(h, a, at(TOMORROW, "10:00"))
        assert codes(same_day) == [("slotAt", "BOOKING_LIMIT")]
        assert "1" in same_day["errors"][0]["message"]
        by_phone = await book(
            h, a, at(TOMORROW, "10:00"), email="luca@test.example", phone="3331111111"
        )
        assert codes(by_phone) == [("slotAt", "BOOKING_LIMIT")]
        # Two ahead at most (public_max_active = 2).
        assert (await book(h, a, at(DAY + dt.timedelta(days=2), "09:00")))["errors"] == []
        third = await book(h, a, at(DAY + dt.timedelta(days=3), "09:00"))
        assert codes(third) == [("email", "BOOKING_LIMIT")]
        # Moving keeps to the limits too: not onto a day already holding a booking.
        moved = await h.ok(
            MOVE,
            {
                "i": {
                    "code": first["publicAppointment"]["code"],
                    "contact": "maria@test.example",
                    "slotAt": at(DAY + dt.timedelta(days=2), "11:00").isoformat(),
                }
            },
            as_=None,
        )
        assert [e["code"] for e in moved["publicAppointmentReschedule"]["errors"]] == [
            "BOOKING_LIMIT"
        ]
        # A desk booking is no online booking: it counts for none of this.
        from sportello_counter.models import Appointment

        assert await Appointment.filter(channel="online").count() == 2
        # Once the slot started, the citizen cannot cancel it online any more.
        clock.set(at(TOMORROW, "09:01"))
        late = await h.ok(
            CANCEL,
            {"i": {"code": first["publicAppointment"]["code"], "contact": "maria@test.example"}},
            as_=None,
        )
        assert late["publicAppointmentCancel"]["errors"] == [
            {"field": "code", "code": "SLOT_IN_PAST"}
        ]


async def test_limits_hold_under_concurrent_requests(sportello_app, clock) -> None:
    """Eight requests of one citizen at once, over real HTTP: one a day, two ahead."""
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES, live=True) as h:
        setup = await public_office(h, service_minutes=30, counters=(("A",), ("A",)))
        configure(public_max_active=2, public_max_per_day=1)
        a = setup["services"]["A"]

        async def attempt(day: dt.date, hm: str, email: str, phone: str = "") -> dict[str, Any]:
            i = {"serviceId": a, "slotAt": at(day, hm).isoformat(), "name": "Maria Verdi"}
            i |= {"email": email, "phone": phone}
            result = await h.gql(BOOK, {"i": i}, as_=None, check_audit=False)
            assert not result.get("errors"), result
            return result["data"]["publicAppointmentBook"]

        # The same day, different slots: one wins.
        hours = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"]
        same_day = await asyncio.gather(
            *(attempt(TOMORROW, hm, "maria@test.example") for hm in hours)
        )
        won = [r for r in same_day if r["publicAppointment"]]
        assert len(won) == 1, same_day
        assert {e["code"] for r in same_day if not r["publicAppointment"] for e in r["errors"]} == {
            "BOOKING_LIMIT"
        }
        # Different days, the same phone under different emails: two ahead at most.
        days = [DAY + dt.timedelta(days=n) for n in range(2, 10)]
        spread = await asyncio.gather(
            *(
                attempt(d, "09:00", f"person{n}@test.example", "+39 333 2222222")
                for n, d in enumerate(days)
            )
        )
        assert len([r for r in spread if r["publicAppointment"]]) == 2, spread
        from sportello_counter.models import Appointment

        assert await Appointment.filter(contact_phone="+393332222222").count() == 2
        assert await Appointment.filter(contact_email="maria@test.example").count() == 1


async def test_your_turn_is_near(sportello_app, clock, mail_server) -> None:
    clock.set(at(DAY, "07:00"))
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await public_office(h, service_minutes=30)
        configure(turn_near_ahead=1, public_min_notice_minutes=0)
        a, desk = setup["services"]["A"], setup["counters"][0]
        codes = []
        for n, hm in enumerate(("09:00", "09:30")):
            got = await book(h, a, at(DAY, hm), email=f"p{n}@test.example")
            assert got["errors"] == [], got
            codes.append(got["publicAppointment"]["code"])
        await mail_server.received(2)  # the confirmations
        clock.set(at(DAY, "08:50"))
        walk_ins = [(await issue(h, a))["ticket"]["number"] for _ in range(3)]
        assert walk_ins == ["A001", "A002", "A003"]
        # Both check in early: they are served after the walk-ins until their slot comes.
        for code in codes:
            data = await h.ok(CHECK_IN, {"i": {"code": code}}, as_="front_desk")
            assert data["appointmentCheckIn"]["errors"] == []
        await asyncio.sleep(0.3)
        assert not [m for m in mail_server.messages if "turn is near" in m["Subject"]]
        # Each call shortens the queue: at one ticket ahead (turn_near_ahead = 1) the citizen
        # hears it, once. After two calls A004 (p0) has A003 ahead of it.

        async def near(count: int) -> list[Any]:
            for _ in range(200):
                found = [m for m in mail_server.messages if "turn is near" in m["Subject"]]
                if len(found) >= count:
                    return found
                await asyncio.sleep(0.05)
            raise AssertionError(f"{count} 'turn is near' messages expected")

        for _ in range(2):
            got = await call(h, desk)
            await release(h, got["ticket"]["id"], as_="front_desk")
        [first] = await near(1)
        assert first["To"] == "p0@test.example" and "A004" in first["Subject"]
        got = await call(h, desk)  # A003: now A005 (p1) has one ahead
        await release(h, got["ticket"]["id"], as_="front_desk")
        assert sorted(m["To"] for m in await near(2)) == ["p0@test.example", "p1@test.example"]
        for _ in range(2):  # A004 and A005 called: nobody hears it twice
            got = await call(h, desk)
            await release(h, got["ticket"]["id"], as_="front_desk")
        await asyncio.sleep(0.3)
        assert len(await near(2)) == 2


async def test_the_contact_is_exported_and_erased(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await public_office(h, service_minutes=30)
        got = await book(h, setup["services"]["A"], at(TOMORROW, "09:00"), phone="3331234567")
        code = got["publicAppointment"]["code"]
        from sportello import api
        from sportello_counter.models import Appointment

        party = api.encode_id("Party", (await Appointment.get(code=code)).party_id)
        exported = (await h.ok("query($id: ID!) { partyDataExport(id: $id) }", {"id": party}))[
            "partyDataExport"
        ]["offices"]["counter"]["appointments"]
        assert [(a["contact_email"], a["contact_phone"], a["channel"]) for a in exported] == [
            ("maria@test.example", "+393331234567", "online")
        ]
        erase = """mutation($i: PartyEraseInput!) {
          partyErase(input: $i) { reports { plugin erased } errors { code } } }"""
        reports = (await h.ok(erase, {"i": {"id": party}}))["partyErase"]["reports"]
        erased = next(r["erased"] for r in reports if r["plugin"] == "counter")
        assert {"counter_appointment.contact_email", "counter_appointment.contact_phone"} <= set(
            erased
        )
        row = await Appointment.get(code=code)
        assert (row.party_name, row.contact_email, row.contact_phone) == ("[erased]", "", "")
        # The erased contact finds the booking no more.
        found = await h.ok(FIND, {"c": code, "k": "maria@test.example"}, as_=None)
        assert found["publicAppointment"] is None
