"""Shared GraphQL operations and a small municipal office for the counter tests."""

from __future__ import annotations

from typing import Any

MODULES = ["reception", "counter"]
ALL_DAY = {str(d): [["00:00", "23:59"]] for d in range(7)}

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
SERVICE = """
mutation($i: CounterServiceCreateInput!) {
  counterServiceCreate(input: $i) { counterService { id name prefix } errors { field code message } }
}
"""
COUNTER = """
mutation($i: CounterCreateInput!) {
  counterCreate(input: $i) { counter { id name services { id prefix } } errors { field code } }
}
"""
ISSUE = """
mutation($i: QueueTicketIssueInput!) {
  queueTicketIssue(input: $i) { ticket { id number status } errors { field code message } }
}
"""
CALL = """
mutation($i: QueueCallNextInput!) {
  queueCallNext(input: $i) { ticket { id number } errors { field code message } }
}
"""


def ticket_mutation(name: str) -> str:
    cap = name[0].upper() + name[1:]
    return (
        f"mutation($i: {cap}Input!) {{ {name}(input: $i) {{"
        " ticket { id number status service { prefix } outcome resolved }"
        " errors { field code message } } }"
    )


async def office(
    h: Any,
    services: tuple[str, ...] = ("A",),
    counters: tuple[tuple[str, ...], ...] = (("A",),),
    code: str = "COMUNE",
    **service_kw: Any,
) -> dict[str, Any]:
    """A site with services (by prefix) and counters (each a tuple of prefixes)."""
    site = (await h.ok(SITE, {"i": {"code": code, "name": f"Comune {code}", "timezone": "UTC"}}))[
        "siteCreate"
    ]
    site_id = site["site"]["id"]
    by_prefix = {}
    for prefix in services:
        data = await h.ok(
            SERVICE,
            {
                "i": {
                    "siteId": site_id,
                    "name": f"Service {prefix}",
                    "prefix": prefix,
                    "openingHours": service_kw.get("opening_hours", ALL_DAY),
                    "closedDays": service_kw.get("closed_days", []),
                    "serviceMinutes": service_kw.get("service_minutes", 10),
                    "targetWaitMinutes": service_kw.get("target_wait_minutes", 15),
                }
            },
        )
        assert data["counterServiceCreate"]["errors"] == [], data
        by_prefix[prefix] = data["counterServiceCreate"]["counterService"]["id"]
    desk_ids = []
    for n, prefixes in enumerate(counters, start=1):
        data = await h.ok(
            COUNTER,
            {
                "i": {
                    "siteId": site_id,
                    "name": f"Counter {n}",
                    "serviceIds": [by_prefix[p] for p in prefixes],
                }
            },
        )
        assert data["counterCreate"]["errors"] == [], data
        desk_ids.append(data["counterCreate"]["counter"]["id"])
    return {"site": site_id, "services": by_prefix, "counters": desk_ids}


async def issue(
    h: Any, service_id: str, priority: str | None = None, reason: str | None = None
) -> dict:
    i: dict[str, Any] = {"serviceId": service_id}
    if priority:
        i["priority"] = priority
    if reason:
        i["priorityReason"] = reason
    data = await h.ok(ISSUE, {"i": i}, as_="front_desk")
    return data["queueTicketIssue"]


async def call(h: Any, counter_id: str, **kw: Any) -> dict:
    data = await h.ok(CALL, {"i": {"counterId": counter_id}}, **({"as_": "front_desk"} | kw))
    return data["queueCallNext"]


def pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)
