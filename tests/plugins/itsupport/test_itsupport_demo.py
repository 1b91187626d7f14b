"""The demo: a hotel's and a town hall's IT, loaded through the office's services, once."""

from __future__ import annotations

DEMO = """
{ assets(first: 20) { totalCount edges { node { tag relations { kind target { tag } } } } }
  supportTickets(first: 10) { totalCount edges { node { reference status assets { tag } } } }
  kbArticles(first: 10) { totalCount } }
"""


async def test_demo_loads_a_hotels_and_a_town_halls_it_once(sportello_app) -> None:
    async with sportello_app(["reception", "lodging", "counter", "itsupport"]) as h:
        await h.load_demo()
        await h.load_demo()
        data = await h.ok(DEMO, as_="admin")
        tags = {e["node"]["tag"] for e in data["assets"]["edges"]}
        assert {"WS-PMS-01", "ENC-01", "DSP-HALL-01", "KIOSK-01", "LIC-PMS"} <= tags
        encoder = next(e["node"] for e in data["assets"]["edges"] if e["node"]["tag"] == "ENC-01")
        assert encoder["relations"] == [{"kind": "DEPENDS_ON", "target": {"tag": "WS-PMS-01"}}]
        tickets = [e["node"] for e in data["supportTickets"]["edges"]]
        assert data["supportTickets"]["totalCount"] == 7
        assert {t["status"] for t in tickets} >= {"RESOLVED", "WAITING_SUPPLIER", "CLOSED"}
        assert data["kbArticles"]["totalCount"] == 4
