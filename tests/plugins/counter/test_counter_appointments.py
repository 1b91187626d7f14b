from __future__ import annotations

import datetime as dt

from counter_helpers import MODULES, call, issue, office, pk

SLOTS = """
query($s: ID!, $d: Date!) {
  appointmentSlots(serviceId: $s, day: $d) { start end capacity booked available }
}
"""
APPT = "appointment { id code status slotAt arrivalKind arrivalStatus } ticket { id number }"
BOOK = f"""
mutation($i: AppointmentBookInput!) {{
  appointmentBook(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
CHECK_IN = f"""
mutation($i: AppointmentCheckInInput!) {{
  appointmentCheckIn(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
CANCEL = f"""
mutation($i: AppointmentCancelInput!) {{
  appointmentCancel(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
RESCHEDULE = f"""
mutation($i: AppointmentRescheduleInput!) {{
  appointmentReschedule(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


async def book(h, service_id: str, slot_at: str, name: str = "Maria Verdi") -> dict:
    data = await h.ok(
        BOOK,
        {"i": {"serviceId": service_id, "slotAt": slot_at, "partyName": name}},
        as_="front_desk",
    )
    return data["appointmentBook"]


async def test_slots_follow_hours_capacity_and_closed_days(sportello_app) -> None:
    tomorrow = today() + dt.timedelta(days=1)
    hours = {str(today().weekday()): [["09:00", "10:00"], ["14:00", "14:30"]]}
    hours[str(tomorrow.weekday())] = [["09:00", "12:00"]]
    async with sportello_app(MODULES) as h:
        setup = await office(
            h,
            counters=(("A",), ("A",)),
            opening_hours=hours,
            closed_days=[tomorrow.isoformat()],
            service_minutes=15,
        )
        a = setup["services"]["A"]
        slots = (await h.ok(SLOTS, {"s": a, "d": today().isoformat()}))["appointmentSlots"]
        starts = [s["start"][11:16] for s in slots]
        assert starts == ["09:00", "09:15", "09:30", "09:45", "14:00", "14:15"]
        assert {s["capacity"] for s in slots} == {2}  # two counters serve the service
        assert (await h.ok(SLOTS, {"s": a, "d": tomorrow.isoformat()}))["appointmentSlots"] == []
        other_day = (today() + dt.timedelta(days=2)).isoformat()
        assert (await h.ok(SLOTS, {"s": a, "d": other_day}))["appointmentSlots"] == []

        first = slots[0]["start"]
        one = await book(h, a, first)
        assert one["errors"] == [] and len(one["appointment"]["code"]) == 8
        await book(h, a, first, "Second Person")
        full = await book(h, a, first, "Third Person")
        assert full["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        off_grid = await book(h, a, f"{today().isoformat()}T09:05:00+00:00")
        assert off_grid["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        closed = await book(h, a, f"{tomorrow.isoformat()}T09:00:00+00:00")
        assert closed["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        after = (await h.ok(SLOTS, {"s": a, "d": today().isoformat()}))["appointmentSlots"][0]
        assert (after["booked"], after["available"]) == (2, 0)

        moved = await h.ok(
            RESCHEDULE,
            {"i": {"code": one["appointment"]["code"], "slotAt": slots[1]["start"]}},
            as_="front_desk",
        )
        assert moved["appointmentReschedule"]["appointment"]["slotAt"] == slots[1]["start"]
        cancelled = await h.ok(CANCEL, {"i": {"id": one["appointment"]["id"]}}, as_="front_desk")
        assert cancelled["appointmentCancel"]["appointment"]["status"] == "CANCELLED"
        again = await h.ok(CANCEL, {"i": {"id": one["appointment"]["id"]}}, as_="front_desk")
        assert again["appointmentCancel"]["errors"][0]["code"] == "INVALID_TRANSITION"
        rows = (await h.ok(SLOTS, {"s": a, "d": today().isoformat()}))["appointmentSlots"]
        assert [r["booked"] for r in rows[:2]] == [1, 0]


async def test_due_appointments_first_then_priority_then_normal(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        midnight = f"{today().isoformat()}T00:00:00+00:00"
        due = (await book(h, a, midnight, "Due Person"))["appointment"]
        early = (await book(h, a, midnight, "Early Person"))["errors"]
        assert early[0]["code"] == "SLOT_UNAVAILABLE"  # one counter: one place per slot
        early = (await book(h, a, f"{today().isoformat()}T00:10:00+00:00", "Early"))["appointment"]

        normal = (await issue(h, a))["ticket"]["number"]
        prio = (await issue(h, a, "PRIORITY", "DISABLED"))["ticket"]["number"]
        # The early appointment's slot is moved two hours ahead: checked in before its time.
        from sportello_counter.models import Appointment

        end_of_day = dt.datetime.combine(today(), dt.time(23, 59, 59), dt.UTC)
        later = min(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2), end_of_day)
        await Appointment.filter(id=pk(early["id"])).update(slot_at=later)
        got_early = await h.ok(CHECK_IN, {"i": {"code": early["code"]}}, as_="front_desk")
        got_due = await h.ok(CHECK_IN, {"i": {"code": due["code"].lower()}}, as_="front_desk")
        due_ticket = got_due["appointmentCheckIn"]["ticket"]["number"]
        early_ticket = got_early["appointmentCheckIn"]["ticket"]["number"]
        assert got_due["appointmentCheckIn"]["appointment"]["status"] == "CHECKED_IN"
        assert got_due["appointmentCheckIn"]["appointment"]["arrivalStatus"] == "arrived"
        twice = await h.ok(CHECK_IN, {"i": {"code": due["code"]}}, as_="front_desk")
        assert twice["appointmentCheckIn"]["errors"][0]["code"] == "INVALID_TRANSITION"

        order = [(await call(h, desk))["ticket"]["number"] for _ in range(4)]
        assert order == [due_ticket, prio, normal, early_ticket]
        assert (await call(h, desk))["errors"][0]["code"] == "QUEUE_EMPTY"


async def test_concurrent_bookings_never_overfill_a_slot(sportello_app) -> None:
    import asyncio

    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h, counters=(("A",), ("A",)))  # capacity 2 per slot
        a = setup["services"]["A"]
        slot = f"{today().isoformat()}T10:00:00+00:00"
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(
                h.gql(
                    BOOK,
                    {"i": {"serviceId": a, "slotAt": slot, "partyName": f"Person {i}"}},
                    token=token,
                )
                for i in range(12)
            )
        )
        payloads = [r["data"]["appointmentBook"] for r in results]
        won = [p for p in payloads if p["appointment"]]
        assert len(won) == 2, payloads
        assert {p["errors"][0]["code"] for p in payloads if not p["appointment"]} == {
            "SLOT_UNAVAILABLE"
        }
        assert len({p["appointment"]["code"] for p in won}) == 2
