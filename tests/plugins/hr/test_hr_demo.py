"""The demo: a hotel's staff with a week's roster, a town hall's clerks, a pending leave
request; loading it twice changes nothing."""

from __future__ import annotations

DEMO = """
query {
  employeeDirectory(first: 50) { totalCount }
  leaveRequests(first: 20, status: PENDING) { edges { node { days employee { displayName } } } }
  contractsEnding(first: 10, days: 30) { edges { node { kind } } }
  shiftSwaps(first: 5, status: PENDING) { totalCount }
}
"""
ROSTER = "query($s: ID!, $d: Date!) { roster(siteId: $s, start: $d) { station { name } } }"


async def test_demo_looks_like_a_working_week(sportello_app) -> None:
    import datetime as dt

    from sportello.api import SiteModel, encode_id

    async with sportello_app(["reception", "hr"]) as h:
        await h.load_demo()
        data = await h.ok(DEMO)
        assert data["employeeDirectory"]["totalCount"] >= 10
        pending = data["leaveRequests"]["edges"]
        assert len(pending) == 1 and pending[0]["node"]["days"] >= 3
        assert [e["node"]["kind"] for e in data["contractsEnding"]["edges"]] == ["FIXED_TERM"]
        hotel = await SiteModel.get(code="HOTEL")
        today = dt.date.today()
        monday = today - dt.timedelta(days=today.weekday())
        roster = await h.ok(ROSTER, {"s": encode_id("Site", hotel.id), "d": monday.isoformat()})
        names = {r["station"]["name"] for r in roster["roster"]}
        assert {"Front desk", "Night desk", "Housekeeping, floors 1-2"} <= names
        assert len(roster["roster"]) >= 30
        await h.load_demo()
        again = await h.ok(DEMO)
        assert again["employeeDirectory"]["totalCount"] == data["employeeDirectory"]["totalCount"]
