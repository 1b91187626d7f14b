"""Merging organisations and their numbering: the survivor continues the merged one's sequence;
two organisations that both numbered the same series and year are not merged; issues racing
the merge over real HTTP never repeat a number."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from sales_setup import INVOICE_ISSUE, MODULES, PLUGINS, codes, party
from test_sales_organisations import CREATE, INVOICES, LINE, _organisation

MERGE = """
mutation($i: PartyMergeInput!) {
  partyMerge(input: $i) { party { id } errors { field code message } }
}
"""


async def _customer_and_twins(h: Any) -> tuple[str, str, str]:
    """A customer, and one organisation registered twice."""
    customer = await party(h, "ACME S.p.A.")
    return (
        customer,
        await _organisation("Hotel Aurora Srl"),
        await _organisation("Hotel Aurora S.r.l."),
    )


async def _drafts(h: Any, customer: str, org: str, count: int) -> list[str]:
    made = []
    for _ in range(count):
        data = await h.ok(
            CREATE, {"i": {"partyId": customer, "lines": LINE, "organisationId": org}}
        )
        assert data["invoiceCreate"]["errors"] == [], data
        made.append(data["invoiceCreate"]["invoice"]["id"])
    return made


async def _issue(h: Any, invoice_id: str) -> str:
    data = await h.ok(INVOICE_ISSUE, {"i": {"id": invoice_id}})
    assert data["invoiceIssue"]["errors"] == [], data
    return str(data["invoiceIssue"]["invoice"]["number"])


async def _numbers(h: Any) -> dict[str, list[str]]:
    """Issued numbers by organisation id."""
    edges = (await h.ok(INVOICES))["invoices"]["edges"]
    out: dict[str, list[str]] = {}
    for edge in edges:
        node = edge["node"]
        if node["number"]:
            out.setdefault(node["organisation"]["id"], []).append(node["number"])
    return {org: sorted(numbers) for org, numbers in out.items()}


def _expected(*sequence: int) -> list[str]:
    year = dt.date.today().year
    return [f"{year}/FT/{n:06d}" for n in sequence]


async def test_the_survivor_continues_the_merged_organisation_s_numbering(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer, aurora, twin = await _customer_and_twins(h)
        for draft in await _drafts(h, customer, aurora, 3):
            await _issue(h, draft)
        merged = (await h.ok(MERGE, {"i": {"sourceId": aurora, "targetId": twin}}))["partyMerge"]
        assert merged["errors"] == [], merged
        (later,) = await _drafts(h, customer, twin, 1)
        assert await _issue(h, later) == _expected(4)[0]
        assert await _numbers(h) == {twin: _expected(1, 2, 3, 4)}


async def test_two_organisations_that_both_numbered_a_series_are_not_merged(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer = await party(h, "ACME S.p.A.")
        aurora = await _organisation("Hotel Aurora Srl")
        borea = await _organisation("Villa Borea Srl")
        for org in (aurora, borea):
            for draft in await _drafts(h, customer, org, 2):
                await _issue(h, draft)
        refused = (await h.ok(MERGE, {"i": {"sourceId": aurora, "targetId": borea}}))["partyMerge"]
        assert refused["party"] is None
        assert codes(refused) == [("sourceId", "MERGE_CONFLICT")]
        year = dt.date.today().year
        assert (
            "FT" in refused["errors"][0]["message"] and str(year) in refused["errors"][0]["message"]
        )
        italian = await h.gql(
            MERGE, {"i": {"sourceId": aurora, "targetId": borea}}, headers={"accept-language": "it"}
        )
        assert "stessi numeri" in italian["data"]["partyMerge"]["errors"][0]["message"]
        # Nothing moved: each goes on with its own sequence.
        assert await _numbers(h) == {aurora: _expected(1, 2), borea: _expected(1, 2)}
        (more,) = await _drafts(h, customer, aurora, 1)
        assert await _issue(h, more) == _expected(3)[0]


async def test_issues_racing_a_merge_never_repeat_a_number(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        customer, aurora, twin = await _customer_and_twins(h)
        for draft in await _drafts(h, customer, aurora, 2):
            await _issue(h, draft)
        racing = await _drafts(h, customer, aurora, 10)
        token = await h.token(roles=["front_desk"])
        calls = [h.gql(INVOICE_ISSUE, {"i": {"id": i}}, token=token) for i in racing]
        calls.insert(5, h.gql(MERGE, {"i": {"sourceId": aurora, "targetId": twin}}))
        results = await asyncio.gather(*calls)
        for result in results:
            assert not result.get("errors"), result
            payload = next(iter(result["data"].values()))
            assert payload["errors"] == [], payload
        assert await _numbers(h) == {twin: _expected(*range(1, 13))}


async def test_a_merged_organisation_gets_no_new_documents(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer, aurora, twin = await _customer_and_twins(h)
        merged = (await h.ok(MERGE, {"i": {"sourceId": aurora, "targetId": twin}}))["partyMerge"]
        assert merged["errors"] == [], merged
        refused = await h.ok(
            CREATE, {"i": {"partyId": customer, "lines": LINE, "organisationId": aurora}}
        )
        assert refused["invoiceCreate"]["invoice"] is None
        assert codes(refused["invoiceCreate"]) == [("organisationId", "NOT_FOUND")]
        assert await _numbers(h) == {}
        assert (await h.ok(INVOICES))["invoices"]["edges"] == []


async def test_an_issue_whose_unused_counter_a_merge_dropped_numbers_on_the_survivor_s(
    sportello_app: Callable[..., Any], monkeypatch: Any
) -> None:
    """The issue reads its (still unused) counter, then a merge drops it for the merged
    organisation's: the issue reads its counter again and numbers on, without an error."""
    from sportello_sales.services.invoices import issue as issuing

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer, aurora, twin = await _customer_and_twins(h)
        for draft in await _drafts(h, customer, aurora, 2):
            await _issue(h, draft)
        (late,) = await _drafts(h, customer, twin, 1)
        counter_row = issuing.counter_row
        merges: list[Any] = []

        async def then_merge(*args: Any) -> int:
            found = await counter_row(*args)
            if not merges:  # the first read only: the twin's new counter, at 0
                merges.append(await h.gql(MERGE, {"i": {"sourceId": aurora, "targetId": twin}}))
            return found

        monkeypatch.setattr(issuing, "counter_row", then_merge)
        assert await _issue(h, late) == _expected(3)[0]
        assert merges[0]["data"]["partyMerge"]["errors"] == [], merges
        assert await _numbers(h) == {twin: _expected(1, 2, 3)}


async def test_an_issue_moved_again_and_again_is_answered_conflict(
    sportello_app: Callable[..., Any], monkeypatch: Any
) -> None:
    from sportello_sales.services.invoices import issue as issuing

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        customer = await party(h, "ACME S.p.A.")
        aurora = await _organisation("Hotel Aurora Srl")
        (draft,) = await _drafts(h, customer, aurora, 1)

        async def always_gone(*_: Any) -> None:
            return None

        monkeypatch.setattr(issuing, "next_sequence", always_gone)
        answer = (await h.ok(INVOICE_ISSUE, {"i": {"id": draft}}))["invoiceIssue"]
        assert codes(answer) == [("id", "CONFLICT")]
        monkeypatch.undo()
        assert await _issue(h, draft) == _expected(1)[0]
