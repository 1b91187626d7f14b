from __future__ import annotations

import asyncio

from counter_helpers import ISSUE, MODULES, issue, office


async def test_fifty_concurrent_issues_are_gapless(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h)
        service_id = setup["services"]["A"]
        token = await h.token(roles=["front_desk"])

        async def one() -> dict:
            result = await h.gql(ISSUE, {"i": {"serviceId": service_id}}, token=token)
            assert not result.get("errors"), result
            payload = result["data"]["queueTicketIssue"]
            assert payload["errors"] == [], payload
            return payload["ticket"]

        tickets = await asyncio.gather(*(one() for _ in range(50)))
        numbers = sorted(t["number"] for t in tickets)
        assert numbers == [f"A{n:03d}" for n in range(1, 51)]
        assert len({t["id"] for t in tickets}) == 50
        assert all(t["status"] == "WAITING" for t in tickets)


async def test_numbers_are_per_service_with_their_prefix(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A", "B"),))
        a, b = setup["services"]["A"], setup["services"]["B"]
        got = [
            (await issue(h, a))["ticket"]["number"],
            (await issue(h, b))["ticket"]["number"],
            (await issue(h, a))["ticket"]["number"],
        ]
        assert got == ["A001", "B001", "A002"]


async def test_kiosk_needs_counter_issue(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        variables = {"i": {"serviceId": setup["services"]["A"]}}
        denied = await h.gql(ISSUE, variables, as_="back_office")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        anonymous = await h.gql(ISSUE, variables, as_=None)
        assert anonymous["errors"]
