"""A reopened ticket's SLA clock runs again (the core's ``sla_restart``): it shows a due time
again, whether the requester's reply or an agent reopened it."""

from __future__ import annotations

from itsupport_helpers import MODULES, REPLY, SET_STATUS, create, ok

from sportello import api


async def test_a_reopened_ticket_counts_again(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        requester = await h.token(roles=["front_desk"], email="luca@hotel.example")
        ticket = (await create(h, token=requester))["supportTicket"]
        tid = ticket["id"]
        assert ticket["dueAt"] is not None
        done = await ok(h, SET_STATUS, {"id": tid, "status": "RESOLVED"})
        assert done["supportTicket"]["dueAt"] is None
        back = await ok(h, REPLY, {"id": tid, "body": "Jammed again."}, token=requester)
        assert back["supportTicket"]["status"] == "OPEN"
        assert back["supportTicket"]["dueAt"] is not None
        pk = int(api.decode_id(tid, "SupportTicket", "id"))
        clock = await api.sla_clock("itsupport", "ticket", pk)
        assert clock is not None and clock.state == "running" and clock.resolved_at is None
        closed = await ok(h, SET_STATUS, {"id": tid, "status": "CLOSED"})
        assert closed["supportTicket"]["dueAt"] is None
        reopened = await ok(h, SET_STATUS, {"id": tid, "status": "OPEN"})
        assert reopened["supportTicket"]["dueAt"] is not None
        assert reopened["supportTicket"]["reopened"] == 2
