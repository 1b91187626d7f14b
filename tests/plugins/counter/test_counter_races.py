"""Concurrent ticket moves over real HTTP: every conditional update checks every column its
decision read, so a racing move never leaves a ticket where no rule would have put it."""

from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import BASE, CALL, DAY, MODULES, at, issue, office, pk, ticket_mutation

TRANSFER = ticket_mutation("queueTicketTransfer")
START = ticket_mutation("queueTicketServiceStart")
FINISH = ticket_mutation("queueTicketServiceFinish")
CANCEL = ticket_mutation("queueTicketCancel")
ROUNDS = 15


async def _settle_ticket(h, ticket_id: str) -> None:
    """Take the round's ticket out of the queue, whatever the race left."""
    from sportello_counter.models import Ticket

    ticket = await Ticket.get(id=pk(ticket_id))
    if ticket.status == "called":
        for name, query in (
            ("queueTicketServiceStart", START),
            ("queueTicketServiceFinish", FINISH),
        ):
            data = await h.ok(query, {"i": {"ticketId": ticket_id}}, as_="manager")
            assert data[name]["errors"] == [], data
    elif ticket.status == "waiting":
        data = await h.ok(CANCEL, {"i": {"ticketId": ticket_id}}, as_="manager")
        assert data["queueTicketCancel"]["errors"] == [], data


async def test_transfer_racing_call_next_never_calls_at_a_counter_without_the_service(
    sportello_app,
) -> None:
    """A waiting A ticket is transferred to B while the A-only counter calls next: either the
    call wins (then the transfer moves the called ticket on to B) or the transfer wins (then
    the A counter finds nobody). Never a ticket CALLED for B at the A-only counter."""
    from sportello_counter.models import Counter, Ticket

    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h, services=("A", "B"), counters=(("A",), ("B",)))
        a, b = setup["services"]["A"], setup["services"]["B"]
        desk_a = setup["counters"][0]
        clerk = await h.token(roles=["front_desk"])
        manager = await h.token(roles=["manager"])
        outcomes: set[str] = set()
        for _round in range(ROUNDS):
            ticket_id = (await issue(h, a))["ticket"]["id"]
            moved, called = await asyncio.gather(
                h.gql(TRANSFER, {"i": {"ticketId": ticket_id, "serviceId": b}}, token=manager),
                h.gql(CALL, {"i": {"counterId": desk_a}}, token=clerk),
            )
            assert not moved.get("errors") and not called.get("errors"), (moved, called)
            ticket = await Ticket.get(id=pk(ticket_id))
            if ticket.status in ("called", "in_service"):
                counter = await Counter.get(id=ticket.counter_id)
                assert ticket.service_id in counter.service_ids, (moved, called)
            got = called["data"]["queueCallNext"]
            transfer_errors = moved["data"]["queueTicketTransfer"]["errors"]
            if got["ticket"]:
                # The call won; the transfer then moved the called ticket on (or, had it read
                # the ticket before the call, was refused: the ticket changed under it).
                outcomes.add("call first")
                assert all(e["code"] == "INVALID_TRANSITION" for e in transfer_errors), moved
            else:
                outcomes.add("transfer first")
                assert got["errors"][0]["code"] == "QUEUE_EMPTY", got
                assert transfer_errors == [], moved
                assert ticket.status == "waiting" and ticket.service_id == pk(b)
            await _settle_ticket(h, ticket_id)
        assert outcomes


APPT = "appointment { id code status slotAt } ticket { id }"
BOOK = f"""
mutation($i: AppointmentBookInput!) {{
  appointmentBook(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
APPT_CHECK_IN = f"""
mutation($i: AppointmentCheckInInput!) {{
  appointmentCheckIn(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
RESCHEDULE = f"""
mutation($i: AppointmentRescheduleInput!) {{
  appointmentReschedule(input: $i) {{ {APPT} errors {{ field code }} }}
}}
"""
PARTY = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }"
)
ERASE = """
mutation($i: PartyEraseInput!) { partyErase(input: $i) { reports { plugin } errors { code } } }
"""


async def test_check_in_racing_a_reschedule_keeps_the_slot_it_was_decided_on(
    sportello_app, clock
) -> None:
    """An appointment of today is checked in while it is moved to tomorrow: exactly one wins.
    Never checked in with tomorrow's slot (a ticket for a slot that is not today)."""
    from sportello_counter.models import Appointment, Ticket

    clock.set(at(DAY, "07:00"))
    tomorrow = DAY + dt.timedelta(days=1)
    async with sportello_app(MODULES, live=True) as h:
        a = (await office(h))["services"]["A"]
        desk = await h.token(roles=["front_desk"])
        for n in range(ROUNDS):
            slot = at(DAY, "08:00") + dt.timedelta(minutes=10 * n)
            later = at(tomorrow, "08:00") + dt.timedelta(minutes=10 * n)
            booked = await h.ok(
                BOOK,
                {"i": {"serviceId": a, "slotAt": slot.isoformat(), "partyName": f"P{n}"}},
                as_="front_desk",
            )
            code = booked["appointmentBook"]["appointment"]["code"]
            checked, moved = await asyncio.gather(
                h.gql(APPT_CHECK_IN, {"i": {"code": code}}, token=desk),
                h.gql(RESCHEDULE, {"i": {"code": code, "slotAt": later.isoformat()}}, token=desk),
            )
            assert not checked.get("errors") and not moved.get("errors"), (checked, moved)
            won = [
                p
                for p in (
                    checked["data"]["appointmentCheckIn"],
                    moved["data"]["appointmentReschedule"],
                )
                if not p["errors"]
            ]
            assert len(won) == 1, (checked, moved)
            appt = await Appointment.get(code=code)
            tickets = await Ticket.filter(appointment_id=appt.id)
            if appt.status == "checked_in":
                assert appt.slot_at == slot and [t.slot_at for t in tickets] == [slot]
            else:
                assert appt.status == "booked" and appt.slot_at == later and tickets == []


async def test_erasure_racing_an_appointment_booking_leaves_no_name(sportello_app) -> None:
    from sportello.parties.models import Party
    from sportello_counter.models import Appointment

    async with sportello_app(MODULES, live=True) as h:
        a = (await office(h))["services"]["A"]
        desk = await h.token(roles=["front_desk"])
        admin = await h.token(roles=["admin"])
        import datetime as dt

        for n in range(ROUNDS):
            made = await h.ok(PARTY, {"i": {"displayName": f"Citizen {n}"}})
            party_id = made["partyCreate"]["party"]["id"]
            slot = BASE.replace(minute=0) + dt.timedelta(hours=2, minutes=10 * n)
            booking = {
                "serviceId": a,
                "slotAt": slot.isoformat(),
                "partyName": f"Citizen {n}",
                "partyId": party_id,
            }
            booked, erased = await asyncio.gather(
                h.gql(BOOK, {"i": booking}, token=desk),
                h.gql(ERASE, {"i": {"id": party_id}}, token=admin),
            )
            assert not booked.get("errors") and not erased.get("errors"), (booked, erased)
            assert erased["data"]["partyErase"]["errors"] == [], erased
            assert (await Party.get(id=pk(party_id))).anonymised_at is not None
            names = await Appointment.filter(party_id=pk(party_id)).values_list(
                "party_name", flat=True
            )
            assert all(name == "[erased]" for name in names), (names, booked)
            errors = booked["data"]["appointmentBook"]["errors"]
            assert errors in ([], [{"field": "partyId", "code": "NOT_FOUND"}]), booked
            assert len(names) == (0 if errors else 1)
