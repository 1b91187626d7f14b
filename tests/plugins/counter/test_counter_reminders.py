"""The citizen hears of their appointment: a confirmation when booked (or moved) and a reminder
ahead of the slot, by email through a real SMTP server, in their language; cancelling withdraws
the reminder that has not gone out."""

from __future__ import annotations

import asyncio
import datetime as dt

from counter_helpers import DAY, MODULES, at, office

BOOK = """
mutation($i: AppointmentBookInput!) {
  appointmentBook(input: $i) { appointment { id code } errors { field code } }
}
"""
CANCEL = """
mutation($i: AppointmentCancelInput!) {
  appointmentCancel(input: $i) { appointment { status } errors { field code } }
}
"""
SLOTS = "query($s: ID!, $d: Date!) { appointmentSlots(serviceId: $s, day: $d) { start } }"
DELIVERIES = """
{ notificationDeliveries(first: 20) { edges { node { kind channel status address } } } }
"""
TOMORROW = DAY + dt.timedelta(days=1)


async def _book(h, service: str, slot_at: str, **contact) -> dict:
    data = await h.ok(
        BOOK,
        {"i": {"serviceId": service, "slotAt": slot_at, "partyName": "Maria Verdi", **contact}},
    )
    assert data["appointmentBook"]["errors"] == [], data
    return data["appointmentBook"]["appointment"]


async def _log(h) -> list[tuple[str, str, str]]:
    data = await h.ok(DELIVERIES)
    return sorted(
        (e["node"]["kind"], e["node"]["channel"], e["node"]["status"])
        for e in data["notificationDeliveries"]["edges"]
        if e["node"]["channel"] == "EMAIL"  # no phone given: the text messages are SKIPPED
    )


async def test_booking_confirms_and_reminds_by_email(sportello_app, clock, mail_server) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await office(h, service_minutes=15)
        service = setup["services"]["A"]
        # Tomorrow at 09:00: the reminder is due today at 09:00 (reminder_hours = 24).
        appt = await _book(
            h, service, at(TOMORROW, "09:00").isoformat(), email="maria@test.example"
        )
        messages = await mail_server.received(2)
        subjects = sorted(m["Subject"] for m in messages)
        assert subjects == [
            f"Appointment {appt['code']} confirmed: Service A, {TOMORROW.isoformat()} at 09:00",
            f"Reminder: Service A on {TOMORROW.isoformat()} at 09:00",
        ]
        assert {m["To"] for m in messages} == {"maria@test.example"}
        # In an hour: too close for a reminder, the confirmation only.
        await _book(h, service, at(DAY, "09:00").isoformat(), email="maria@test.example")
        await mail_server.received(3)
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 3
        # A name only: nobody to write to.
        await _book(h, service, at(DAY, "09:15").isoformat())
        await asyncio.sleep(0.3)
        assert len(mail_server.messages) == 3


async def test_cancelling_withdraws_the_reminder(sportello_app, clock, mail_server) -> None:
    # The office's clock at the real time: the reminder waits in the queue for real.
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    clock.set(now)
    later = (now + dt.timedelta(days=3)).date()
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await office(h, service_minutes=15)
        service = setup["services"]["A"]
        slot = (await h.ok(SLOTS, {"s": service, "d": later.isoformat()}))["appointmentSlots"][0]
        appt = await _book(h, service, slot["start"], email="maria@test.example")
        await mail_server.received(1)
        for _ in range(200):  # the sender records what the server took
            if ("counter.appointment_booked", "EMAIL", "SENT") in await _log(h):
                break
            await asyncio.sleep(0.05)
        assert await _log(h) == [
            ("counter.appointment_booked", "EMAIL", "SENT"),
            ("counter.appointment_reminder", "EMAIL", "QUEUED"),
        ]
        cancelled = await h.ok(CANCEL, {"i": {"code": appt["code"]}})
        assert cancelled["appointmentCancel"]["errors"] == []
        assert await _log(h) == [
            ("counter.appointment_booked", "EMAIL", "SENT"),
            ("counter.appointment_reminder", "EMAIL", "CANCELLED"),
        ]
        assert len(mail_server.messages) == 1


async def test_a_citizen_in_italian_gets_italian(sportello_app, clock, mail_server) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await office(h, service_minutes=15)
        party = {
            "displayName": "Maria Verdi",
            "email": "maria@test.example",
            "preferredLanguage": "it",
        }
        made = await h.ok(
            "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } } }",
            {"i": party},
        )
        party_id = made["partyCreate"]["party"]["id"]
        appt = await _book(
            h, setup["services"]["A"], at(DAY, "10:00").isoformat(), partyId=party_id
        )
        [msg] = await mail_server.received(1)
        assert msg["Subject"] == (
            f"Appuntamento {appt['code']} confermato: Service A, {DAY.isoformat()} alle 10:00"
        )
