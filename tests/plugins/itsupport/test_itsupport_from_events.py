"""Another office opens a ticket from its event: once per event, routed by category."""

from __future__ import annotations

from itsupport_helpers import MODULES, category, team

TICKETS = "{ supportTickets(first: 5) { totalCount edges { node { channel status agentId } } } }"


async def test_an_office_opens_a_ticket_once_per_event(sportello_app) -> None:
    from sportello_itsupport.api import open_ticket

    async with sportello_app(MODULES) as h:
        desk = await team(h, agents=1)
        await category(h, "Printers", desk["id"])
        first = await open_ticket(
            "Kiosk printer out of paper", "From the kiosk.", key="event:41", category="Printers"
        )
        again = await open_ticket(
            "Kiosk printer out of paper", "From the kiosk.", key="event:41", category="Printers"
        )
        assert first == again
        data = (await h.ok(TICKETS, as_="back_office"))["supportTickets"]
        assert data["totalCount"] == 1
        assert data["edges"][0]["node"] == {
            "channel": "EVENT",
            "status": "OPEN",
            "agentId": desk["agents"][0],
        }
