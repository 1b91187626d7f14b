"""A requester's tickets in the data export, and their texts erased with the person."""

from __future__ import annotations

import json

from itsupport_helpers import MODULES, PARTY, REPLY, create, ok

EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = """
mutation($i: PartyEraseInput!) {
  partyErase(input: $i) { reports { plugin erased retained } errors { code } }
}
"""
TICKETS = "{ supportTickets(first: 5) { edges { node { requester { id } subject status } } } }"


async def test_export_and_erasure_of_a_requester(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        made = await h.ok(PARTY, {"i": {"kind": "PERSON", "displayName": "Maria Verdi"}})
        maria = made["partyCreate"]["party"]["id"]
        ticket = (
            await create(
                h, requesterId=maria, subject="Maria's laptop", description="Maria Verdi's disk"
            )
        )["supportTicket"]
        await ok(h, REPLY, {"id": ticket["id"], "body": "Bring it to the IT desk, Maria."})
        await create(h, subject="Someone else's printer")

        exported = (await h.ok(EXPORT, {"id": maria}))["partyDataExport"]
        mine = exported["offices"]["itsupport"]["tickets"]
        assert [(t["reference"], t["subject"]) for t in mine] == [("IT-000001", "Maria's laptop")]
        assert mine[0]["messages"][0]["body"] == "Bring it to the IT desk, Maria."
        assert "Someone else" not in json.dumps(exported["offices"]["itsupport"])

        erased = (await h.ok(ERASE, {"i": {"id": maria}}))["partyErase"]
        report = next(r for r in erased["reports"] if r["plugin"] == "itsupport")
        assert report["erased"] == [
            "itsupport_ticket.attachments",
            "itsupport_ticket.description",
            "itsupport_ticket.subject",
            "itsupport_ticket_message.attachments",
            "itsupport_ticket_message.body",
        ]
        rows = [e["node"] for e in (await h.ok(TICKETS))["supportTickets"]["edges"]]
        assert {r["subject"] for r in rows} == {"[erased]", "Someone else's printer"}
        again = (await h.ok(EXPORT, {"id": maria}))["partyDataExport"]
        assert "Maria's laptop" not in json.dumps(again["offices"]["itsupport"])
