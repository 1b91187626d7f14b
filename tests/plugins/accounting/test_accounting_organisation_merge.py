"""Merging organisations: a ledger goes to the surviving organisation when that one keeps none;
two ledgers are never merged into one (their numbers and closed periods would collide)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounting_helpers import MODULES, ledger, organisation

MERGE = """
mutation($i: PartyMergeInput!) {
  partyMerge(input: $i) { party { id } errors { field code message } }
}
"""
ACCOUNTS = "query($o: ID) { accounts(first: 100, organisationId: $o) { edges { node { id } } } }"


async def merge(h: Any, source: str, target: str, **kw: Any) -> dict[str, Any]:
    data = await h.ok(MERGE, {"i": {"sourceId": source, "targetId": target}}, **kw)
    result: dict[str, Any] = data["partyMerge"]
    return result


async def accounts(h: Any, org: str) -> set[str]:
    data = await h.ok(ACCOUNTS, {"o": org})
    return {e["node"]["id"] for e in data["accounts"]["edges"]}


async def test_two_ledgers_are_not_merged_and_one_moves_to_the_survivor(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES) as h:
        aurora = await organisation("Hotel Aurora Srl")
        borea = await organisation("Villa Borea Srl")
        a = await ledger(h, org=aurora)
        await ledger(h, org=borea)
        refused = await merge(h, aurora, borea)
        assert refused["party"] is None
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("sourceId", "MERGE_CONFLICT")
        ]
        italian = await h.gql(
            MERGE, {"i": {"sourceId": aurora, "targetId": borea}}, headers={"accept-language": "it"}
        )
        assert "contabilit" in italian["data"]["partyMerge"]["errors"][0]["message"]
        assert await accounts(h, aurora) == set(a.accounts.values())  # nothing moved

        # The same organisation registered twice, its ledger kept on the duplicate.
        twin = await organisation("Hotel Aurora S.r.l.")
        merged = await merge(h, aurora, twin)
        assert merged["errors"] == [] and merged["party"]["id"] == twin
        assert await accounts(h, twin) == set(a.accounts.values())
