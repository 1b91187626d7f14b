"""Shared GraphQL operations and a small municipal office for the counter tests."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

MODULES = ["reception", "counter"]
ALL_DAY = {str(d): [["00:00", "24:00"]] for d in range(7)}
#: The instant the tests' clock starts at: Wednesday 4 March 2026, 10:00 UTC.
BASE = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
DAY = BASE.date()


class Clock:
    """A settable clock that runs on from where it was set (see conftest.py)."""

    def __init__(self, at: dt.datetime) -> None:
        self.set(at)

    def set(self, at: dt.datetime) -> None:
        self._base, self._t0 = at, time.monotonic()

    def now(self) -> dt.datetime:
        return self._base + dt.timedelta(seconds=time.monotonic() - self._t0)

    def today(self) -> dt.date:
        return self.now().date()


def at(day: dt.date, hm: str, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hm), tz)


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
ME = "{ me { id partyId } }"
COUNTER_UPDATE = """
mutation($i: CounterUpdateInput!) {
  counterUpdate(input: $i) {
    counter { id name active staffName services { prefix } } errors { field code }
  }
}
"""
SERVICE_UPDATE = """
mutation($i: CounterServiceUpdateInput!) {
  counterServiceUpdate(input: $i) {
    counterService { id name openingHours closedDays serviceMinutes targetWaitMinutes active }
    errors { field code }
  }
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
    timezone: str = "UTC",
    staff: str | None = "front_desk",
    **service_kw: Any,
) -> dict[str, Any]:
    """A site with services (by prefix) and counters (each a tuple of prefixes).

    Every counter is staffed by the user behind ``as_=staff`` (the default front-desk clerk),
    so that ``call(h, counter)`` works; ``staff=None`` leaves the counters unstaffed.
    """
    site = (
        await h.ok(SITE, {"i": {"code": code, "name": f"Comune {code}", "timezone": timezone}})
    )["siteCreate"]
    site_id = site["site"]["id"]
    staff_id = (await h.ok(ME, as_=staff))["me"]["partyId"] if staff else None
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
                    "staffId": staff_id,
                }
            },
        )
        assert data["counterCreate"]["errors"] == [], data
        desk_ids.append(data["counterCreate"]["counter"]["id"])
    return {"site": site_id, "services": by_prefix, "counters": desk_ids}


async def staff(h: Any, counter_id: str, token: str) -> None:
    """Put the user of ``token`` at the counter (by their party)."""
    party = (await h.ok(ME, token=token))["me"]["partyId"]
    data = await h.ok(COUNTER_UPDATE, {"i": {"id": counter_id, "staffId": party}}, as_="manager")
    assert data["counterUpdate"]["errors"] == [], data


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


async def release(h: Any, ticket_id: str, **kw: Any) -> None:
    """Serve a called ticket to the end (start, finish): its counter is free again."""
    for name in ("queueTicketServiceStart", "queueTicketServiceFinish"):
        data = await h.ok(ticket_mutation(name), {"i": {"ticketId": ticket_id}}, **kw)
        assert data[name]["errors"] == [], data


async def call_free(h: Any, counter_id: str, **kw: Any) -> str | None:
    """Call next, then serve it at once: the called number (None when nobody waits)."""
    kw = {"as_": "front_desk"} | kw
    got = await call(h, counter_id, **kw)
    if got["ticket"] is None:
        assert got["errors"][0]["code"] == "QUEUE_EMPTY", got
        return None
    await release(h, got["ticket"]["id"], **kw)
    return got["ticket"]["number"]


def pk(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)
