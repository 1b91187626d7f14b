"""The cases list answers a party below each case only to a caller who may see parties, as
``node(id:)`` would: a role with ``crm.view`` alone gets the cases and an error at each party,
whichever way the page is completed."""

from __future__ import annotations

from typing import Any

import pytest
from crm_helpers import MODULES, create_case, department, party, site

from sportello.graphql.flat import FlatListExecutor

LIST = """
query { cases(first: 10) { edges { cursor node { subject status dueAt party { displayName }
  department { name } } } } }
"""
ROLE = """
mutation($i: RoleCreateInput!) { roleCreate(input: $i) { errors { code } } }
"""


def _strip(result: dict[str, Any]) -> dict[str, Any]:
    for error in result.get("errors", []):
        error.get("extensions", {}).pop("requestId", None)
    return result


async def test_a_party_below_a_case_needs_its_own_permission(
    sportello_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        await department(h, "Tributi", hq)
        maria = await party(h, "Maria Rossi")
        await create_case(h, siteId=hq, partyId=maria, subject="Double tax bill")
        await create_case(h, siteId=hq, partyId=maria, subject="Wrong address")
        made = await h.ok(ROLE, {"i": {"name": "case_reader", "permissions": ["crm.view"]}})
        assert made["roleCreate"]["errors"] == []
        reader = await h.token(roles=["case_reader"])
        desk = await h.token(roles=["front_desk"])

        seen = await h.ok(LIST, token=desk)
        assert [e["node"]["party"] for e in seen["cases"]["edges"]] == [
            {"displayName": "Maria Rossi"},
            {"displayName": "Maria Rossi"},
        ]
        refused = _strip(await h.gql(LIST, token=reader))
        assert refused["data"]["cases"]["edges"][0]["node"]["subject"] == "Wrong address"
        assert [e["node"]["party"] for e in refused["data"]["cases"]["edges"]] == [None, None]
        assert [(e["path"], e["extensions"]["code"]) for e in refused["errors"]] == [
            (["cases", "edges", 0, "node", "party"], "PERMISSION_DENIED"),
            (["cases", "edges", 1, "node", "party"], "PERMISSION_DENIED"),
        ]
        with monkeypatch.context() as m:  # graphql-core's field-by-field completion
            m.setattr(FlatListExecutor, "_flat_rows", lambda *a, **k: None)
            assert _strip(await h.gql(LIST, token=reader)) == refused
            assert await h.ok(LIST, token=desk) == seen
