"""Appointments name parties known at the office's site: a desk bound to one office cannot book
another office's citizen by ID (and so read them through the appointment)."""

from __future__ import annotations

from counter_helpers import DAY, MODULES, at, office
from strawberry import relay
from test_counter_appointments import BOOK

PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""


def _pk(gid: str) -> int:
    return int(relay.GlobalID.from_id(gid).node_id)


async def test_a_site_desk_books_only_citizens_known_at_its_office(sportello_app, clock) -> None:
    from sportello_counter import models as m

    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        north = await office(h, code="NORTH", staff=None)
        south = await office(h, code="SOUTH", staff=None)
        citizens = {}
        for name, where in (("Maria Verdi", north), ("Luca Neri", south)):
            made = await h.ok(PARTY, {"i": {"displayName": name, "siteIds": [where["site"]]}})
            citizens[name] = made["partyCreate"]["party"]["id"]
        desk = await h.token(roles=["front_desk"], sites=[_pk(north["site"])])

        def booking(name: str, hm: str = "10:00") -> dict:
            return {
                "i": {
                    "serviceId": north["services"]["A"],
                    "slotAt": at(DAY, hm).isoformat(),
                    "partyName": name,
                    "partyId": citizens[name],
                }
            }

        refused = await h.ok(BOOK, booking("Luca Neri"), token=desk)
        assert refused["appointmentBook"]["errors"] == [{"field": "partyId", "code": "NOT_FOUND"}]
        assert await m.Appointment.all().count() == 0
        done = await h.ok(BOOK, booking("Maria Verdi"), token=desk)
        assert done["appointmentBook"]["errors"] == []
        # Booked by an office with every site, Luca becomes known at the north office too.
        chain = await h.ok(BOOK, booking("Luca Neri", "11:00"), as_="front_desk")
        assert chain["appointmentBook"]["errors"] == []
        found = await h.ok("{ parties(first: 10) { edges { node { displayName } } } }", token=desk)
        assert sorted(e["node"]["displayName"] for e in found["parties"]["edges"]) == [
            "Luca Neri",
            "Maria Verdi",
        ]
