"""GraphQL operations and helpers shared by the SLA tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

#: Wednesday 6 March 2030, 09:00 UTC: in the future, so the sweeper running in the background
#: (on the real clock) never marks what the tests sweep themselves at chosen instants.
T0 = dt.datetime(2030, 3, 6, 9, 0, tzinfo=dt.UTC)


def t(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


POLICY_FIELDS = """
id name active position office category priority channel party { id } departmentId
firstResponseMinutes resolutionMinutes deadlineDays deadlineKind warnBeforePercent
warnBeforeMinutes
"""
CREATE = f"""
mutation($i: SlaPolicyCreateInput!) {{
  slaPolicyCreate(input: $i) {{ slaPolicy {{ {POLICY_FIELDS} }} errors {{ field code message }} }}
}}
"""
UPDATE = f"""
mutation($i: SlaPolicyUpdateInput!) {{
  slaPolicyUpdate(input: $i) {{ slaPolicy {{ {POLICY_FIELDS} }} errors {{ field code message }} }}
}}
"""
CLOCK_FIELDS = """
id office itemType itemId state breached breachedAt pausedMinutes usedBusinessMinutes
startedAt dueResponseAt dueResolutionAt respondedAt resolvedAt responseTarget
resolutionTarget warnedAt responseBreachedAt resolutionBreachedAt policy { id name }
site { id }
"""
CLOCKS = f"""
query($office: String, $breached: Boolean, $state: SlaClockState, $first: Int) {{
  slaClocks(office: $office, breached: $breached, state: $state, first: $first) {{
    totalCount edges {{ node {{ {CLOCK_FIELDS} }} }}
  }}
}}
"""
REPORT = """
query($from: DateTime!, $to: DateTime!, $g: SlaReportGroup!) {
  slaReport(from: $from, to: $to, groupBy: $g) {
    group key label policy { id name } office met breached open
    avgResponseMinutes avgResolutionMinutes
  }
}
"""
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"


def iso(value: dt.datetime) -> str:
    return value.isoformat()


def parse(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def create_policy(h: Any, **values: Any) -> dict[str, Any]:
    data = await h.ok(CREATE, {"i": values}, as_="manager")
    payload = data["slaPolicyCreate"]
    assert payload["errors"] == [], payload
    policy: dict[str, Any] = payload["slaPolicy"]
    return policy


async def site(h: Any, code: str = "HQ") -> str:
    data = await h.ok(SITE, {"i": {"code": code, "name": code, "timezone": "Europe/Rome"}})
    site_id: str = data["siteCreate"]["site"]["id"]
    return site_id


async def clocks(h: Any, **variables: Any) -> list[dict[str, Any]]:
    data = await h.ok(CLOCKS, {"first": 100, **variables}, as_="manager")
    return [e["node"] for e in data["slaClocks"]["edges"]]


async def clock_of(h: Any, office: str, item_id: int) -> dict[str, Any]:
    return next(c for c in await clocks(h, office=office) if c["itemId"] == item_id)


def db_id(global_id: str) -> int:
    from strawberry import relay

    return int(relay.GlobalID.from_id(global_id).node_id)
