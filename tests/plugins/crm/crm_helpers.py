"""What the CRM tests share: sites, parties, departments, and the operations they send."""

from __future__ import annotations

from typing import Any

from strawberry import relay

MODULES = ["crm"]
SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
DEPARTMENT = """
mutation($i: DepartmentCreateInput!) {
  departmentCreate(input: $i) { department { id } errors { field code } }
}
"""
MEMBER = """
mutation($i: DepartmentMemberAddInput!) {
  departmentMemberAdd(input: $i) { errors { field code } }
}
"""
POLICY = """
mutation($i: SlaPolicyCreateInput!) {
  slaPolicyCreate(input: $i) { slaPolicy { id } errors { field code } }
}
"""
INTERACTION = """
id channel direction subject body filterNote contact handled caseId occurredAt
party { id displayName } links { objectType objectId }
"""
LOG = f"""
mutation($i: InteractionLogInput!) {{
  interactionLog(input: $i) {{ interaction {{ {INTERACTION} }} errors {{ field code message }} }}
}}
"""
HANDLE = f"""
mutation($i: InteractionHandleInput!) {{
  interactionHandle(input: $i) {{ interaction {{ {INTERACTION} }} errors {{ field code }} }}
}}
"""
CASE = """
id reference status kind subject category priority version dueAt outcome reopenedCount
assigneeId party { id } department { id name }
history { action fromStatus toStatus departmentId note userId }
interactions { id channel subject }
links { objectType objectId }
"""
CREATE = f"""
mutation($i: CaseCreateInput!) {{
  caseCreate(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
TRIAGE = f"""
mutation($i: CaseTriageInput!) {{
  caseTriage(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
TAKE = f"""
mutation($i: CaseTakeInput!) {{
  caseTake(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
TRANSFER = f"""
mutation($i: CaseTransferInput!) {{
  caseTransfer(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
WAIT = f"""
mutation($i: CaseWaitInput!) {{
  caseWait(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
RESOLVE = f"""
mutation($i: CaseResolveInput!) {{
  caseResolve(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
REOPEN = f"""
mutation($i: CaseReopenInput!) {{
  caseReopen(input: $i) {{ case {{ {CASE} }} errors {{ field code message }} }}
}}
"""
CASE_NODE = f"query($id: ID!) {{ node(id: $id) {{ ... on Case {{ {CASE} }} }} }}"


def pk(global_id: str) -> int:
    return int(relay.GlobalID.from_id(global_id).node_id)


async def site(h: Any, code: str = "HQ", tz: str = "Europe/Rome") -> str:
    data = await h.ok(SITE, {"i": {"code": code, "name": f"Site {code}", "timezone": tz}})
    site_id: str = data["siteCreate"]["site"]["id"]
    return site_id


async def party(h: Any, name: str = "Maria Rossi", **extra: Any) -> str:
    data = await h.ok(PARTY, {"i": {"displayName": name, **extra}})
    party_id: str = data["partyCreate"]["party"]["id"]
    return party_id


async def department(h: Any, name: str, site_id: str | None = None) -> str:
    data = await h.ok(DEPARTMENT, {"i": {"name": name, "siteId": site_id}})
    assert data["departmentCreate"]["errors"] == [], data
    department_id: str = data["departmentCreate"]["department"]["id"]
    return department_id


async def ok_payload(h: Any, query: str, field: str, i: dict[str, Any], **kw: Any) -> Any:
    data = await h.ok(query, {"i": i}, **kw)
    payload = data[field]
    assert payload["errors"] == [], payload
    return payload


async def create_case(h: Any, **i: Any) -> dict[str, Any]:
    payload = await ok_payload(h, CREATE, "caseCreate", {"channel": "COUNTER", **i})
    case: dict[str, Any] = payload["case"]
    return case


def codes(payload: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]
