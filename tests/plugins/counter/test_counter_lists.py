from __future__ import annotations

from counter_helpers import DAY, MODULES, call, call_free, issue, office

from sportello.testing import count_queries

TICKETS = """
query($n: Int!, $s: ID, $st: TicketStatus) {
  queueTickets(first: $n, serviceId: $s, status: $st) {
    edges { node { id number status priority service { id name prefix } counter { id name } } }
    pageInfo { hasNextPage }
  }
}
"""
# A literal page size: the core's cost rule prices a nested list (services) at a full page.
COUNTERS = """
query { counters(first: %d) { edges { node { id name staffName services { id prefix } } } } }
"""
SERVICES = """
query($n: Int!, $after: String) {
  counterServices(first: $n, after: $after) {
    edges { cursor node { id name prefix } } pageInfo { hasNextPage endCursor }
  }
}
"""


def _own(statements: list[str]) -> int:
    """This request's statements (the event dispatcher polls the outbox in the background)."""
    return len([s for s in statements if "events_" not in s])


async def test_queue_tickets_query_count_is_constant(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A", "B"),))
        for _ in range(10):
            await issue(h, setup["services"]["A"])
            await issue(h, setup["services"]["B"])
        for _ in range(3):
            await call_free(h, setup["counters"][0])
        token = await h.token(roles=["back_office"])
        await h.ok(TICKETS, {"n": 1}, token=token)  # warm up
        counts = {}
        for n in (1, 20):
            with count_queries() as statements:
                data = await h.ok(TICKETS, {"n": n}, token=token)
            assert len(data["queueTickets"]["edges"]) == n
            counts[n] = _own(statements)
        assert 0 < counts[1] == counts[20], counts
        nodes = [e["node"] for e in data["queueTickets"]["edges"]]
        assert [n["number"] for n in nodes[:4]] == ["A001", "B001", "A002", "B002"]
        assert nodes[0]["counter"]["name"] == "Counter 1" and nodes[-1]["counter"] is None
        waiting = await h.ok(TICKETS, {"n": 50, "s": setup["services"]["B"], "st": "WAITING"})
        assert len(waiting["queueTickets"]["edges"]) == 9  # B001 was called


async def test_counters_and_services_lists(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        await office(
            h, services=("A", "B", "C", "D"), counters=(("A",), ("A", "B"), ("C", "D"), ("D",))
        )
        token = await h.token(roles=["back_office"])
        await h.ok(COUNTERS % 1, token=token)
        counts = {}
        for n in (1, 4):
            with count_queries() as statements:
                data = await h.ok(COUNTERS % n, token=token)
            counts[n] = _own(statements)
        assert 0 < counts[1] == counts[4], counts
        prefixes = [[s["prefix"] for s in e["node"]["services"]] for e in data["counters"]["edges"]]
        assert prefixes == [["A"], ["A", "B"], ["C", "D"], ["D"]]

        page = (await h.ok(SERVICES, {"n": 3}, token=token))["counterServices"]
        assert [e["node"]["prefix"] for e in page["edges"]] == ["A", "B", "C"]
        assert page["pageInfo"]["hasNextPage"] is True
        rest = await h.ok(SERVICES, {"n": 3, "after": page["pageInfo"]["endCursor"]}, token=token)
        assert [e["node"]["prefix"] for e in rest["counterServices"]["edges"]] == ["D"]


async def test_reception_lists_include_tickets_and_appointments(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        await issue(h, setup["services"]["A"])
        await issue(h, setup["services"]["A"])
        await call(h, setup["counters"][0])
        here = await h.ok("{ presentNow { arrivalKind partyName arrivalStatus } }")
        assert sorted(p["arrivalStatus"] for p in here["presentNow"]) == ["called", "waiting"]
        assert {p["arrivalKind"] for p in here["presentNow"]} == {"ticket"}
        day = DAY.isoformat()
        arrivals = await h.ok("query($d: Date!) { arrivals(day: $d) { arrivalKind } }", {"d": day})
        assert [a["arrivalKind"] for a in arrivals["arrivals"]] == ["ticket", "ticket"]


async def test_a_malformed_site_id_is_a_typed_error(sportello_app) -> None:
    """The counter lists refuse a malformed siteId (or serviceId) with INVALID_ID, not an empty
    list; a well-formed one still filters."""
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"))
        await issue(h, setup["services"]["A"])
        listed = await h.ok(
            "query($s: ID) { counters(siteId: $s, first: 10) { edges { node { name } } } }",
            {"s": setup["site"]},
            as_="back_office",
        )
        assert [e["node"]["name"] for e in listed["counters"]["edges"]] == ["Counter 1"]
        bad = await h.gql('{ counters(siteId: "bad") { totalCount } }', as_="back_office")
        assert bad["data"] is None
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_ID"
        assert bad["errors"][0]["message"] == "Not a valid ID of a Site."
        lists = {
            "counterServices": "query($s: ID) { counterServices(siteId: $s) { totalCount } }",
            "counters": "query($s: ID) { counters(siteId: $s) { totalCount } }",
            "queueTickets": "query($s: ID) { queueTickets(siteId: $s) { totalCount } }",
            "appointments": (
                'query($s: ID) { appointments(siteId: $s, day: "2026-03-04") { totalCount } }'
            ),
        }
        for name, query in lists.items():
            # not an ID; the ID of something else than a Site
            for wrong in ("bad", setup["services"]["A"]):
                result = await h.gql(query, {"s": wrong}, as_="back_office")
                assert result["data"] is None, (name, result)
                [error] = result["errors"]
                assert error["path"] == [name]
                assert error["extensions"]["code"] == "INVALID_ID", (name, error)
                assert error["extensions"]["field"] == "siteId"
        tickets = "query($v: ID) { queueTickets(serviceId: $v) { totalCount } }"
        counted = await h.ok(tickets, {"v": setup["services"]["A"]}, as_="back_office")
        assert counted["queueTickets"]["totalCount"] == 1
        wrong_service = await h.gql(tickets, {"v": setup["site"]}, as_="back_office")
        assert wrong_service["errors"][0]["extensions"]["code"] == "INVALID_ID"
        assert wrong_service["errors"][0]["extensions"]["field"] == "serviceId"
