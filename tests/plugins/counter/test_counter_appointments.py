from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import DAY, MODULES, at, call, call_free, issue, office

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
TOMORROW = DAY + dt.timedelta(days=1)


def iso(day: dt.date, hm: str) -> str:
    return at(day, hm).isoformat()


async def book(h, service_id: str, slot_at: str, name: str = "Maria Verdi") -> dict:
    data = await h.ok(
        BOOK,
        {"i": {"serviceId": service_id, "slotAt": slot_at, "partyName": name}},
        as_="front_desk",
    )
    return data["appointmentBook"]


async def check_in(h, code: str) -> dict:
    return (await h.ok(CHECK_IN, {"i": {"code": code}}, as_="front_desk"))["appointmentCheckIn"]


async def test_slots_follow_hours_capacity_and_closed_days(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    hours = {str(DAY.weekday()): [["09:00", "10:00"], ["14:00", "14:30"]]}
    hours[str(TOMORROW.weekday())] = [["09:00", "12:00"]]
    async with sportello_app(MODULES) as h:
        setup = await office(
            h,
            counters=(("A",), ("A",)),
            opening_hours=hours,
            closed_days=[TOMORROW.isoformat()],
            service_minutes=15,
        )
        a = setup["services"]["A"]
        slots = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}))["appointmentSlots"]
        starts = [s["start"][11:16] for s in slots]
        assert starts == ["09:00", "09:15", "09:30", "09:45", "14:00", "14:15"]
        assert {s["capacity"] for s in slots} == {2}  # two counters serve the service
        assert (await h.ok(SLOTS, {"s": a, "d": TOMORROW.isoformat()}))["appointmentSlots"] == []
        other_day = (DAY + dt.timedelta(days=2)).isoformat()
        assert (await h.ok(SLOTS, {"s": a, "d": other_day}))["appointmentSlots"] == []

        first = slots[0]["start"]
        one = await book(h, a, first)
        assert one["errors"] == [] and len(one["appointment"]["code"]) == 8
        await book(h, a, first, "Second Person")
        full = await book(h, a, first, "Third Person")
        assert full["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        off_grid = await book(h, a, iso(DAY, "09:05"))
        assert off_grid["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        closed = await book(h, a, iso(TOMORROW, "09:00"))
        assert closed["errors"][0]["code"] == "SLOT_UNAVAILABLE"
        after = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}))["appointmentSlots"][0]
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
        rows = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}))["appointmentSlots"]
        assert [r["booked"] for r in rows[:2]] == [1, 0]


async def test_past_slots_cannot_be_booked_or_rescheduled_to(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        a = (await office(h))["services"]["A"]
        kept = (await book(h, a, iso(DAY, "11:00")))["appointment"]
        clock.set(at(DAY, "09:25"))
        # A slot that started (09:20) or ended (09:00) is in the past, yesterday's too.
        for slot in (
            iso(DAY, "09:00"),
            iso(DAY, "09:20"),
            iso(DAY - dt.timedelta(days=1), "10:00"),
        ):
            refused = await book(h, a, slot)
            assert refused["appointment"] is None
            assert refused["errors"] == [{"field": "slotAt", "code": "SLOT_IN_PAST"}]
        moved = await h.ok(
            RESCHEDULE, {"i": {"id": kept["id"], "slotAt": iso(DAY, "09:00")}}, as_="front_desk"
        )
        assert moved["appointmentReschedule"]["errors"][0]["code"] == "SLOT_IN_PAST"
        assert (await book(h, a, iso(DAY, "09:30")))["errors"] == []  # not started yet
        slots = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}))["appointmentSlots"]
        by_start = {s["start"][11:16]: s for s in slots}
        assert by_start["09:20"]["available"] == 0 and by_start["09:20"]["booked"] == 0
        assert by_start["09:40"]["available"] == 1
        assert by_start["11:00"]["available"] == 0  # booked by `kept`


async def test_due_appointments_first_then_priority_then_normal(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        due = (await book(h, a, iso(DAY, "09:00"), "Due Person"))["appointment"]
        early = (await book(h, a, iso(DAY, "09:00"), "Early Person"))["errors"]
        assert early[0]["code"] == "SLOT_UNAVAILABLE"  # one counter: one place per slot
        early = (await book(h, a, iso(DAY, "11:00"), "Early"))["appointment"]

        clock.set(at(DAY, "09:05"))
        normal = (await issue(h, a))["ticket"]["number"]
        prio = (await issue(h, a, "PRIORITY", "DISABLED"))["ticket"]["number"]
        got_early = await check_in(h, early["code"])  # checked in two hours before its slot
        got_due = await check_in(h, due["code"].lower())  # five minutes late: on time
        due_ticket = got_due["ticket"]["number"]
        early_ticket = got_early["ticket"]["number"]
        assert got_due["appointment"]["status"] == "CHECKED_IN"
        assert got_due["appointment"]["arrivalStatus"] == "arrived"
        twice = await check_in(h, due["code"])
        assert twice["errors"][0]["code"] == "INVALID_TRANSITION"

        order = [await call_free(h, desk) for _ in range(4)]
        assert order == [due_ticket, prio, normal, early_ticket]
        assert (await call(h, desk))["errors"][0]["code"] == "QUEUE_EMPTY"


async def test_late_arrival_is_a_walk_in_after_the_grace_period(sportello_app, clock) -> None:
    from sportello_counter import services
    from sportello_counter.settings import CounterSettings

    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        late = (await book(h, a, iso(DAY, "09:00"), "Late Person"))["appointment"]
        on_time = (await book(h, a, iso(DAY, "09:10"), "Slow Person"))["appointment"]

        assert services.settings().late_grace_minutes == 15  # the default
        clock.set(at(DAY, "09:10"))
        before = (await issue(h, a))["ticket"]["number"]
        clock.set(at(DAY, "09:20"))  # 20 minutes after 09:00: later than the grace period
        late_ticket = (await check_in(h, late["code"]))["ticket"]["number"]
        after = (await issue(h, a))["ticket"]["number"]
        # The rule is configurable ([modules.counter] late_grace_minutes): 30 minutes here.
        services.configure(CounterSettings(late_grace_minutes=30))
        clock.set(at(DAY, "09:39"))  # 29 minutes after 09:10: still on time
        on_time_ticket = (await check_in(h, on_time["code"]))["ticket"]["number"]

        order = [await call_free(h, desk) for _ in range(4)]
        # On time first; the late one takes its place among walk-ins by arrival time.
        assert order == [on_time_ticket, before, late_ticket, after]


async def test_check_in_only_on_the_day_of_the_slot(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        today = (await book(h, a, iso(DAY, "09:00"), "Today"))["appointment"]
        tomorrow = (await book(h, a, iso(TOMORROW, "09:00"), "Tomorrow"))["appointment"]
        assert (await check_in(h, tomorrow["code"]))["errors"] == [
            {"field": "id", "code": "TOO_EARLY"}
        ]

        clock.set(at(TOMORROW, "08:30"))
        # Yesterday's appointment does not jump the queue today.
        walk_in = (await issue(h, a))["ticket"]["number"]
        stale = await check_in(h, today["code"])
        assert stale["ticket"] is None
        assert stale["errors"] == [{"field": "id", "code": "TOO_LATE"}]
        mine = (await check_in(h, tomorrow["code"]))["ticket"]["number"]
        assert mine == "A002"  # numbering restarted today: the walk-in has A001
        assert [await call_free(h, desk) for _ in range(2)] == [walk_in, mine]
        clock.set(at(TOMORROW, "09:00"))
        again = await issue(h, a)
        assert again["ticket"]["number"] == "A003"


async def test_concurrent_bookings_never_overfill_a_slot(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h, counters=(("A",), ("A",)))  # capacity 2 per slot
        a = setup["services"]["A"]
        slot = iso(DAY, "11:00")
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
