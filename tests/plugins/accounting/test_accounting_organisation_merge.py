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


async def test_a_bill_number_clashes_only_within_one_ledger(
    sportello_app: Callable[..., Any],
) -> None:
    from test_accounting_payables import BILL, _supplier

    async with sportello_app(MODULES) as h:
        a = await ledger(h, org=await organisation("Hotel Aurora Srl"))
        b = await ledger(h, org=await organisation("Villa Borea Srl"))
        rossi = await _supplier(h, "Forniture Rossi")
        twin = await _supplier(h, "Forniture Rossi Snc")
        other = await _supplier(h, "Forniture Rossi & C.")

        async def bill(lg: Any, supplier: str) -> None:
            data = {
                "supplierId": supplier,
                "number": "F-101",
                "date": "2026-03-01",
                "dueDate": "2026-03-31",
                "organisationId": lg.organisation,
                "lines": [{"accountId": lg.accounts["5000"], "amount": "10.00", "vatRate": "22"}],
            }
            made = (await h.ok(BILL, {"i": data}))["supplierBillCreate"]
            assert made["errors"] == [], made

        # One supplier twice, F-101 in each ledger: no clash, the records merge.
        await bill(a, rossi)
        await bill(b, twin)
        merged = await merge(h, twin, rossi)
        assert merged["errors"] == [] and merged["party"]["id"] == rossi
        # F-101 again in A's ledger under another record of the supplier: one bill twice.
        await bill(a, other)
        refused = await merge(h, other, rossi)
        assert [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("sourceId", "MERGE_CONFLICT")
        ]
