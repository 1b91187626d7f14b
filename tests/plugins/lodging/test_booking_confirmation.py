"""The booking confirmation reaches the guest by email (a real SMTP server), in their language,
when the stay is confirmed: at booking, or when a draft is confirmed later."""

from __future__ import annotations

import asyncio

from lodging_helpers import CONFIRM, CREATE, MODULES, date, day, hotel

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
DELIVERIES = """
{ notificationDeliveries(first: 20) { edges { node { kind status address errorClass } } } }
"""


async def _book(h, room: str, **fields) -> dict:
    data = await h.ok(
        CREATE, {"i": {"roomId": room, "arrival": day(3), "departure": day(5), **fields}}
    )
    assert data["reservationCreate"]["errors"] == [], data
    return data["reservationCreate"]["reservation"]


async def test_a_confirmed_booking_emails_the_guest(sportello_app, mail_server) -> None:
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await hotel(h)
        room = setup["rooms"][0]["id"]
        await _book(h, room, guest={"fullName": "Anna Schmidt", "email": "anna@test.example"})
        [msg] = await mail_server.received(1)
        assert msg["To"] == "anna@test.example"
        assert msg["Subject"].startswith("Your stay at Hotel HOTEL is confirmed (R-")
        body = msg.get_content()
        assert "Dear Anna Schmidt," in body
        assert f"Double, 2 night(s), from {date(3).isoformat()} to {date(5).isoformat()}" in body

        # A guest without an email: nothing to send, and the log says why.
        await _book(h, setup["rooms"][1]["id"], guest={"fullName": "Mario Neri"})
        log = []
        for _ in range(200):
            log = [e["node"] for e in (await h.ok(DELIVERIES))["notificationDeliveries"]["edges"]]
            if len(log) == 2 and all(d["status"] != "QUEUED" for d in log):
                break
            await asyncio.sleep(0.05)
        assert len(mail_server.messages) == 1
        assert [(d["status"], d["address"], d["errorClass"]) for d in log] == [
            ("SKIPPED", None, "no_address"),
            ("SENT", "anna@test.example", None),
        ]


async def test_a_draft_confirmed_later_emails_the_guest_in_their_language(
    sportello_app, mail_server
) -> None:
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await hotel(h)
        guest = {
            "displayName": "Lucía García",
            "email": "lucia@test.example",
            "preferredLanguage": "es",
        }
        guest_id = (await h.ok(PARTY, {"i": guest}))["partyCreate"]["party"]["id"]
        res = await _book(h, setup["rooms"][0]["id"], guestId=guest_id, status="DRAFT")
        await asyncio.sleep(0.3)
        assert mail_server.messages == []  # a draft is not a booking yet
        confirmed = await h.ok(CONFIRM, {"i": {"id": res["id"]}})
        assert confirmed["reservationConfirm"]["errors"] == []
        [msg] = await mail_server.received(1)
        assert msg["To"] == "lucia@test.example"
        assert msg["Subject"].startswith("Su estancia en Hotel HOTEL está confirmada (R-")
        assert "Estimado/a Lucía García:" in msg.get_content()


async def test_a_guest_who_withdrew_email_consent_gets_nothing(sportello_app, mail_server) -> None:
    async with sportello_app(MODULES, **mail_server.settings()) as h:
        setup = await hotel(h)
        guest = {
            "displayName": "Eva Novak",
            "email": "eva@test.example",
            "consents": [{"purpose": "notify.email", "granted": False}],
        }
        guest_id = (await h.ok(PARTY, {"i": guest}))["partyCreate"]["party"]["id"]
        await _book(h, setup["rooms"][0]["id"], guestId=guest_id)
        log = []
        for _ in range(100):
            log = [e["node"] for e in (await h.ok(DELIVERIES))["notificationDeliveries"]["edges"]]
            if log:
                break
            await asyncio.sleep(0.05)
        assert [d["status"] for d in log] == ["SKIPPED"]
        assert mail_server.messages == []
