"""GDPR: the counter exports a party's appointments and tickets and anonymises their names."""

from __future__ import annotations

import json

from counter_helpers import DAY, MODULES, at, call, office, ticket_mutation

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
BOOK = """
mutation($i: AppointmentBookInput!) {
  appointmentBook(input: $i) { appointment { id code } errors { code } }
}
"""
CHECK_IN = """
mutation($i: AppointmentCheckInInput!) {
  appointmentCheckIn(input: $i) { ticket { id number } errors { code } }
}
"""
EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = """
mutation($i: PartyEraseInput!) {
  partyErase(input: $i) { reports { plugin erased retained } errors { code } }
}
"""
NAMES = """
{
  appointments(first: 10) { edges { node { code partyName } } }
  queueTickets(first: 10) { edges { node { number partyName outcome } } }
}
"""


async def test_export_and_erase_of_a_party(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        parties = []
        for name in ("Maria Verdi", "Luca Neri"):
            created = await h.ok(PARTY, {"i": {"displayName": name}})
            parties.append(created["partyCreate"]["party"]["id"])
        codes = []
        for n, (party, name) in enumerate(zip(parties, ("Maria Verdi", "Luca Neri"), strict=True)):
            booked = await h.ok(
                BOOK,
                {
                    "i": {
                        "serviceId": a,
                        "slotAt": at(DAY, f"09:{n}0").isoformat(),
                        "partyName": name,
                        "partyId": party,
                    }
                },
                as_="front_desk",
            )
            codes.append(booked["appointmentBook"]["appointment"]["code"])
        clock.set(at(DAY, "09:00"))
        ticket = (await h.ok(CHECK_IN, {"i": {"code": codes[0]}}, as_="front_desk"))[
            "appointmentCheckIn"
        ]["ticket"]
        await call(h, desk)
        await h.ok(ticket_mutation("queueTicketServiceStart"), {"i": {"ticketId": ticket["id"]}})
        finish = ticket_mutation("queueTicketServiceFinish")
        outcome = "Identity card renewed for Maria Verdi"
        await h.ok(finish, {"i": {"ticketId": ticket["id"], "outcome": outcome}})

        exported = (await h.ok(EXPORT, {"id": parties[0]}))["partyDataExport"]
        counter = exported["offices"]["counter"]
        assert [(x["code"], x["party_name"], x["status"]) for x in counter["appointments"]] == [
            (codes[0], "Maria Verdi", "checked_in")
        ]
        assert [(x["number"], x["party_name"], x["outcome"]) for x in counter["tickets"]] == [
            ("A001", "Maria Verdi", outcome)
        ]
        assert "Luca Neri" not in json.dumps(counter)

        erased = (await h.ok(ERASE, {"i": {"id": parties[0]}}))["partyErase"]
        report = next(r for r in erased["reports"] if r["plugin"] == "counter")
        assert report["erased"] == [
            "counter_appointment.party_name",
            "counter_ticket.outcome",
            "counter_ticket.party_name",
        ]
        assert "counter_ticket.issued_at" in report["retained"]

        data = await h.ok(NAMES)
        appts = {e["node"]["code"]: e["node"]["partyName"] for e in data["appointments"]["edges"]}
        assert appts == {codes[0]: "[erased]", codes[1]: "Luca Neri"}
        [row] = [e["node"] for e in data["queueTickets"]["edges"]]
        assert (row["partyName"], row["outcome"]) == ("[erased]", "")
        again = (await h.ok(EXPORT, {"id": parties[0]}))["partyDataExport"]
        assert "Maria Verdi" not in json.dumps(again["offices"]["counter"])
