"""SLA policies through GraphQL: create, update, typed errors, permissions, the list."""

from __future__ import annotations

from sla_helpers import CREATE, UPDATE, create_policy, db_id, site

from sportello import api
from sportello.testing import count_queries

LIST = """
query($first: Int, $office: String) {
  slaPolicies(first: $first, office: $office) {
    totalCount edges { node { id name position party { id } deadlineKind departmentId } }
  }
}
"""
PARTY = (
    "mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }"
)


async def _errors(h, query: str, values: dict) -> list[dict]:
    data = await h.ok(query, {"i": values}, as_="manager")
    payload = next(iter(data.values()))
    assert payload["slaPolicy"] is None
    return payload["errors"]


async def test_create_and_update_a_policy(sportello_app) -> None:
    async with sportello_app() as h:
        party = (await h.ok(PARTY, {"i": {"displayName": "ACME S.p.A."}}))["partyCreate"]["party"]
        policy = await create_policy(
            h,
            name="Key account",
            position=5,
            office="crm",
            partyId=party["id"],
            firstResponseMinutes=60,
            resolutionMinutes=480,
            warnBeforePercent=20,
        )
        assert policy["party"] == {"id": party["id"]}
        assert policy["deadlineKind"] is None and policy["active"] is True
        changed = await h.ok(
            UPDATE,
            {"i": {"id": policy["id"], "office": None, "resolutionMinutes": 240}},
            as_="manager",
        )
        updated = changed["slaPolicyUpdate"]["slaPolicy"]
        assert updated["office"] is None  # a rule given as null matches anything again
        assert updated["resolutionMinutes"] == 240
        assert updated["firstResponseMinutes"] == 60  # not given: unchanged
        assert updated["party"] == {"id": party["id"]}
        # A legal deadline replaces the resolution target.
        deadline = await h.ok(
            UPDATE,
            {
                "i": {
                    "id": policy["id"],
                    "resolutionMinutes": None,
                    "deadlineDays": 30,
                    "deadlineKind": "CALENDAR",
                }
            },
            as_="manager",
        )
        row = deadline["slaPolicyUpdate"]["slaPolicy"]
        assert (row["deadlineDays"], row["deadlineKind"], row["resolutionMinutes"]) == (
            30,
            "CALENDAR",
            None,
        )


async def test_bad_policies_get_typed_errors_and_write_nothing(sportello_app) -> None:
    from sportello.sla.models import SlaPolicy

    async with sportello_app() as h:
        await create_policy(h, name="Standard", resolutionMinutes=600)
        cases = [
            ({"name": "None"}, "NO_TARGET", "firstResponseMinutes"),
            ({"name": "  "}, "REQUIRED", "name"),
            ({"name": "Standard", "resolutionMinutes": 5}, "CONFLICT", "name"),
            ({"name": "Neg", "firstResponseMinutes": -5}, "INVALID", "firstResponseMinutes"),
            (
                {
                    "name": "Both",
                    "resolutionMinutes": 60,
                    "deadlineDays": 30,
                    "deadlineKind": "CALENDAR",
                },
                "TARGET_CONFLICT",
                "deadlineDays",
            ),
            ({"name": "Kindless", "deadlineDays": 30}, "REQUIRED", "deadlineKind"),
            (
                {"name": "Pct", "resolutionMinutes": 60, "warnBeforePercent": 100},
                "INVALID",
                "warnBeforePercent",
            ),
            (
                {
                    "name": "Warn2",
                    "resolutionMinutes": 60,
                    "warnBeforePercent": 10,
                    "warnBeforeMinutes": 5,
                },
                "TARGET_CONFLICT",
                "warnBeforeMinutes",
            ),
            ({"name": "P", "resolutionMinutes": 60, "partyId": "bad"}, "INVALID_ID", "partyId"),
            (
                {
                    "name": "D",
                    "resolutionMinutes": 60,
                    "departmentId": api.encode_id("Department", 999),
                },
                "NOT_FOUND",
                "departmentId",
            ),
        ]
        for values, code, field in cases:
            errors = await _errors(h, CREATE, values)
            assert [(e["code"], e["field"]) for e in errors] == [(code, field)], values
            assert errors[0]["message"]
        assert await SlaPolicy.all().count() == 1
        standard = await SlaPolicy.get(name="Standard")
        gid = api.encode_id("SlaPolicy", standard.id)
        errors = await _errors(h, UPDATE, {"id": gid, "resolutionMinutes": None})
        assert [e["code"] for e in errors] == ["NO_TARGET"]
        errors = await _errors(h, UPDATE, {"id": gid, "name": None})
        assert [e["code"] for e in errors] == ["REQUIRED"]
        missing = api.encode_id("SlaPolicy", 999)
        errors = await _errors(h, UPDATE, {"id": missing, "position": 1})
        assert [e["code"] for e in errors] == ["NOT_FOUND"]
        still = await SlaPolicy.get(id=standard.id)
        assert still.resolution_minutes == 600 and still.name == "Standard"


async def test_only_managers_define_policies(sportello_app) -> None:
    async with sportello_app() as h:
        result = await h.gql(CREATE, {"i": {"name": "X", "resolutionMinutes": 5}}, as_="front_desk")
        assert result["errors"]
        seen = await h.ok(LIST, {"first": 5}, as_="front_desk")
        assert seen["slaPolicies"]["totalCount"] == 0
        result = await h.gql(LIST, {"first": 5}, as_=None)
        assert result["errors"]


async def test_policy_list_queries_do_not_grow_with_the_page(sportello_app) -> None:
    async with sportello_app() as h:
        await site(h)
        party = (await h.ok(PARTY, {"i": {"displayName": "ACME"}}))["partyCreate"]["party"]["id"]
        for i in range(12):
            await create_policy(
                h, name=f"P{i}", position=i, partyId=party, firstResponseMinutes=10 + i
            )
        counts = []
        for first in (1, 50):
            with count_queries() as statements:
                data = await h.ok(LIST, {"first": first}, as_="manager")
            counts.append(len(statements))
            assert len(data["slaPolicies"]["edges"]) == min(first, 12)
        assert counts[0] == counts[1], counts
        assert db_id(data["slaPolicies"]["edges"][0]["node"]["id"]) > 0
