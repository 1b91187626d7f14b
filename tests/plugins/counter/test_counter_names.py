"""Citizens' names, booking codes and outcome notes need ``counter.names``: a kiosk (or any
token with ``counter.view`` alone) reads tickets and appointments without them."""

from __future__ import annotations

from counter_helpers import DAY, MODULES, at, call, office

BOOK = """
mutation($i: AppointmentBookInput!) {
  appointmentBook(input: $i) { appointment { id code partyName } errors { code } }
}
"""
CHECK_IN = """
mutation($i: AppointmentCheckInInput!) {
  appointmentCheckIn(input: $i) { appointment { code partyName } ticket { id number partyName }
  errors { code } }
}
"""
FINISH = """
mutation($i: QueueTicketServiceFinishInput!) {
  queueTicketServiceFinish(input: $i) { ticket { outcome } errors { code } }
}
"""
READ = """
query($d: Date!) {
  queueTickets(first: 10, day: $d) { edges { node { id number partyName outcome } } }
  appointments(first: 10) { edges { node { id code partyName status } } }
}
"""
NODE = """
query($t: ID!, $a: ID!) {
  t: node(id: $t) { ... on QueueTicket { partyName outcome } }
  a: node(id: $a) { ... on Appointment { code partyName } }
}
"""


async def test_a_kiosk_reads_no_names(sportello_app, clock) -> None:
    """Regression: a kiosk token with counter.view read every citizen's name on tickets."""
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a, desk = setup["services"]["A"], setup["counters"][0]
        booked = (
            await h.ok(
                BOOK,
                {
                    "i": {
                        "serviceId": a,
                        "slotAt": at(DAY, "09:00").isoformat(),
                        "partyName": "Maria Verdi",
                    }
                },
                as_="front_desk",
            )
        )["appointmentBook"]["appointment"]
        assert booked["code"] and booked["partyName"] == "Maria Verdi"
        clock.set(at(DAY, "09:00"))
        kiosk = await h.token(roles=["kiosk"])
        # The kiosk checks the citizen in by the code they typed, and learns nothing more.
        checked = (await h.ok(CHECK_IN, {"i": {"code": booked["code"]}}, token=kiosk))[
            "appointmentCheckIn"
        ]
        assert checked["errors"] == []
        assert checked["appointment"] == {"code": None, "partyName": None}
        assert checked["ticket"]["partyName"] == checked["ticket"]["number"] == "A001"
        ticket = checked["ticket"]["id"]
        got = await call(h, desk)
        assert got["ticket"]["id"] == ticket
        await h.ok(
            "mutation($i: QueueTicketServiceStartInput!) {"
            " queueTicketServiceStart(input: $i) { errors { code } } }",
            {"i": {"ticketId": ticket}},
            as_="front_desk",
        )
        note = "Identity card renewed for Maria Verdi"
        finished = await h.ok(
            FINISH, {"i": {"ticketId": ticket, "outcome": note}}, as_="front_desk"
        )
        assert finished["queueTicketServiceFinish"]["ticket"]["outcome"] == note

        seen = await h.ok(READ, {"d": DAY.isoformat()}, token=kiosk)
        [t] = [e["node"] for e in seen["queueTickets"]["edges"]]
        assert (t["partyName"], t["outcome"]) == ("A001", None)
        [appt] = [e["node"] for e in seen["appointments"]["edges"]]
        assert (appt["code"], appt["partyName"], appt["status"]) == (None, None, "CHECKED_IN")
        node = await h.ok(NODE, {"t": t["id"], "a": appt["id"]}, token=kiosk)
        assert node == {
            "t": {"partyName": "A001", "outcome": None},
            "a": {"code": None, "partyName": None},
        }
        # counter.view alone (the back office) reads no names either.
        viewer = await h.ok(READ, {"d": DAY.isoformat()}, as_="back_office")
        assert viewer["queueTickets"]["edges"][0]["node"]["partyName"] == "A001"
        # The desk does.
        desk_view = await h.ok(READ, {"d": DAY.isoformat()}, as_="front_desk")
        [t] = [e["node"] for e in desk_view["queueTickets"]["edges"]]
        assert (t["partyName"], t["outcome"]) == ("Maria Verdi", note)
        [appt] = [e["node"] for e in desk_view["appointments"]["edges"]]
        assert (appt["code"], appt["partyName"]) == (booked["code"], "Maria Verdi")


COUNTER_UPDATE = """
mutation($i: CounterUpdateInput!) {
  counterUpdate(input: $i) { counter { id staffUserId staffName } errors { code } }
}
"""
COUNTERS = "{ counters(first: 10) { edges { node { name staffUserId staffName } } } }"


async def test_staff_name_follows_the_staff_user(sportello_app) -> None:
    """Regression: Counter.staffName was null after staffUserId was set."""
    from counter_helpers import pk

    from sportello import api
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        setup = await office(h, counters=(("A",), ("A",), ("A",)), staff=None)
        c1, c2, _c3 = setup["counters"]
        bob = await h.token(roles=["front_desk"], email="bob@test.example")
        me = (await h.ok("{ me { id partyId } }", token=bob))["me"]
        bob_name = (await api.PartyModel.get(id=pk(me["partyId"]))).display_name
        assert bob_name
        got = (
            await h.ok(
                COUNTER_UPDATE, {"i": {"id": c1, "staffUserId": pk(me["id"])}}, as_="manager"
            )
        )["counterUpdate"]
        assert got["errors"] == []
        assert (got["counter"]["staffUserId"], got["counter"]["staffName"]) == (
            pk(me["id"]),
            bob_name,
        )
        desk = (await h.ok("{ me { partyId } }", as_="front_desk"))["me"]["partyId"]
        await h.ok(COUNTER_UPDATE, {"i": {"id": c2, "staffId": desk}}, as_="manager")
        desk_name = (await api.PartyModel.get(id=pk(desk))).display_name
        with count_queries() as statements:
            rows = await h.ok(COUNTERS, as_="back_office")
        names = [e["node"]["staffName"] for e in rows["counters"]["edges"]]
        assert names == [bob_name, desk_name, None]
        own = [s for s in statements if "counter_" in s or "parties_party" in s]
        assert len(own) <= 4, statements
        # Unassigned again: no name.
        cleared = await h.ok(COUNTER_UPDATE, {"i": {"id": c1, "staffUserId": None}}, as_="manager")
        assert cleared["counterUpdate"]["counter"]["staffName"] is None
