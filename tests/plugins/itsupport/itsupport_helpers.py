"""GraphQL operations and a small IT department shared by the IT support tests."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

MODULES = ["itsupport"]

TICKET = (
    "id number reference status priority impact urgency dueAt breached reopened satisfaction"
    " team { id } agentId category { id name } requester { id } parent { id }"
    " mergedInto { id } article { id }"
)
CREATE = f"""
mutation($i: SupportTicketCreateInput!) {{
  supportTicketCreate(input: $i) {{ supportTicket {{ {TICKET} }} errors {{ field code message }} }}
}}
"""


def mutation(name: str, fields: str = TICKET, payload: str = "supportTicket") -> str:
    cap = name[0].upper() + name[1:]
    return (
        f"mutation($i: {cap}Input!) {{ {name}(input: $i) {{ {payload} {{ {fields} }}"
        " errors { field code message } } }"
    )


ASSIGN = mutation("supportTicketAssign")
REPLY = mutation("supportTicketReply", TICKET + " messages { body internal fromRequester }")
SET_STATUS = mutation("supportTicketSetStatus")
MERGE = mutation("supportTicketMerge", TICKET + " messages { body internal }")
SET_PARENT = mutation("supportTicketSetParent", TICKET + " children { id }")
RATE = mutation("supportTicketRate")
UPDATE = mutation("supportTicketUpdate")
CATEGORY = mutation("supportCategoryCreate", "id name team { id }", "supportCategory")
TEAM_MODE = mutation("supportTeamConfigure", "id assignment handedOut", "supportTeamQueue")
DEPT = (
    "mutation($i: DepartmentCreateInput!) { departmentCreate(input: $i) { department { id }"
    " errors { field code } } }"
)
MEMBER = (
    "mutation($i: DepartmentMemberAddInput!) { departmentMemberAdd(input: $i) {"
    " department { id } errors { field code } } }"
)
DEPT_UPDATE = (
    "mutation($i: DepartmentUpdateInput!) { departmentUpdate(input: $i) { department { id }"
    " errors { field code } } }"
)
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
PARTY = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }"
)

_people = itertools.count()


class Clock:
    """A settable clock that runs on from where it was set."""

    def __init__(self, at: dt.datetime) -> None:
        self.set(at)

    def set(self, at: dt.datetime) -> None:
        self._base, self._t0 = at, time.monotonic()

    def now(self) -> dt.datetime:
        return self._base + dt.timedelta(seconds=time.monotonic() - self._t0)


def pk(global_id: str) -> int:
    from strawberry import relay

    from sportello.graphql.ids import decode_id

    return decode_id(global_id, relay.GlobalID.from_id(global_id).type_name, "id")


async def user(h: Any, roles: list[str], sites: list[int] | None = None) -> tuple[str, str]:
    """A new user (token, global ID)."""
    token = await h.token(roles=roles, sites=sites, email=f"it-{next(_people)}@org.example")
    me = await h.ok("{ me { id } }", token=token)
    return token, me["me"]["id"]


async def team(h: Any, agents: int = 3, name: str = "IT service desk") -> dict[str, Any]:
    """A team with ``agents`` agents (back office) and a lead (manager)."""
    unit = await h.ok(DEPT, {"i": {"name": name, "kind": "TEAM"}})
    team_id = unit["departmentCreate"]["department"]["id"]
    people = [await user(h, ["back_office"]) for _ in range(agents)]
    for _, uid in people:
        added = await h.ok(MEMBER, {"i": {"departmentId": team_id, "userId": uid}})
        assert added["departmentMemberAdd"]["errors"] == [], added
    lead_token, lead = await user(h, ["manager"])
    done = await h.ok(DEPT_UPDATE, {"i": {"id": team_id, "managerId": lead}})
    assert done["departmentUpdate"]["errors"] == [], done
    return {
        "id": team_id,
        "agents": [uid for _, uid in people],
        "tokens": [tok for tok, _ in people],
        "lead": lead,
        "lead_token": lead_token,
    }


async def category(h: Any, name: str, team_id: str | None = None) -> str:
    data = await h.ok(CATEGORY, {"i": {"name": name, "teamId": team_id}}, as_="manager")
    assert data["supportCategoryCreate"]["errors"] == [], data
    category_id: str = data["supportCategoryCreate"]["supportCategory"]["id"]
    return category_id


async def create(h: Any, as_: str = "back_office", token: str | None = None, **fields: Any) -> Any:
    values = {"subject": "Printer jammed", "description": "The lobby printer is jammed.", **fields}
    if token is not None:
        data = await h.ok(CREATE, {"i": values}, token=token)
    else:
        data = await h.ok(CREATE, {"i": values}, as_=as_)
    return data["supportTicketCreate"]


async def ok(
    h: Any, query: str, values: dict[str, Any], as_: str = "back_office", **kw: Any
) -> Any:
    data = (
        await h.ok(query, {"i": values}, as_=as_, **kw)
        if "token" not in kw
        else await h.ok(query, {"i": values}, **kw)
    )
    payload = next(iter(data.values()))
    assert payload["errors"] == [], payload
    return payload


def codes(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


def parse(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
