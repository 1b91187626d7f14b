"""The office's half of email: a message opens a ticket for its sender; a reply naming the
ticket's reference lands on it and reopens it; a merged ticket's mail goes to its target."""

from __future__ import annotations

from itsupport_helpers import MERGE, MODULES, SET_STATUS, create, ok

TICKET = """
query($id: ID!) { node(id: $id) { ... on SupportTicket { reference status channel reopened
  subject requester { displayName } messages { body fromRequester } } } }
"""


async def test_mail_opens_continues_and_reopens_a_ticket(sportello_app) -> None:
    from sportello import api
    from sportello_itsupport.services import mail_received

    async with sportello_app(MODULES) as h:
        ticket, opened = await mail_received(
            from_address="giulia@hotel.example",
            from_name="Giulia Rossi",
            subject="Hall display is dark",
            text="Since this morning.",
        )
        assert opened
        gid = api.encode_id("SupportTicket", ticket.id)
        await ok(h, SET_STATUS, {"id": gid, "status": "RESOLVED"})
        # The requester answers the notification: "Re: [IT-000001] Resolved: ...".
        again, opened = await mail_received(
            from_address="GIULIA@hotel.example",
            subject="Re: [IT-000001] Resolved: Hall display is dark",
            text="It is dark again.",
        )
        assert (again.id, opened) == (ticket.id, False)
        node = (await h.ok(TICKET, {"id": gid}, as_="back_office"))["node"]
        assert (node["status"], node["reopened"], node["channel"]) == ("OPEN", 1, "EMAIL")
        assert node["subject"] == "Hall display is dark"
        assert node["requester"] == {"displayName": "Giulia Rossi"}
        assert node["messages"] == [{"body": "It is dark again.", "fromRequester": True}]

        # Someone else writing on it adds a message but reopens nothing.
        await ok(h, SET_STATUS, {"id": gid, "status": "RESOLVED"})
        await mail_received(
            from_address="it-vendor@example.com",
            subject="RE: [IT-000001] Hall display",
            text="Firmware 2.1 fixes it.",
        )
        node = (await h.ok(TICKET, {"id": gid}, as_="back_office"))["node"]
        assert node["status"] == "RESOLVED"

        # Mail on a merged duplicate goes to the ticket kept.
        kept = (await create(h, subject="Lobby screen"))["supportTicket"]
        await ok(h, SET_STATUS, {"id": gid, "status": "OPEN"})
        await ok(h, MERGE, {"id": gid, "intoId": kept["id"]})
        moved, _ = await mail_received(
            from_address="giulia@hotel.example", subject="[IT-000001] still dark", text="Hello?"
        )
        assert api.encode_id("SupportTicket", moved.id) == kept["id"]
