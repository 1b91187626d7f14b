"""Gapless invoice numbers under concurrency, over real HTTP (``live=True``)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sales_setup import INVOICE_ISSUE, MODULES, PAYMENT_REGISTER, PLUGINS, codes, draft, party
from strawberry import relay

CONCURRENT = 50
LINE = [{"description": "Consulting", "unitPrice": "100", "quantity": "1", "taxCode": "IT22"}]


def _sequence(number: str) -> int:
    return int(number.rsplit("/", 1)[1])


async def test_fifty_concurrent_issues_get_fifty_consecutive_numbers(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        customer = await party(h, "ACME S.p.A.")
        ids = []
        for _ in range(CONCURRENT):
            made = await draft(h, customer, LINE)
            ids.append(made["invoice"]["id"])
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(h.gql(INVOICE_ISSUE, {"i": {"id": i}}, token=token) for i in ids)
        )
        numbers = []
        for result in results:
            assert not result.get("errors"), result
            payload = result["data"]["invoiceIssue"]
            assert payload["errors"] == [], payload
            numbers.append(payload["invoice"]["number"])
        year = dt.date.today().year
        assert sorted(numbers) == [f"{year}/FT/{n:06d}" for n in range(1, CONCURRENT + 1)]

        # the same draft issued by two clerks at once: one number, one INVALID_STATUS
        made = await draft(h, customer, LINE)
        twice = await asyncio.gather(
            *(h.gql(INVOICE_ISSUE, {"i": {"id": made["invoice"]["id"]}}, token=token) for _ in "ab")
        )
        outcomes = sorted(
            (r["data"]["invoiceIssue"]["invoice"] or {}).get("number") or "refused" for r in twice
        )
        assert outcomes == [f"{year}/FT/{CONCURRENT + 1:06d}", "refused"], twice


async def test_concurrent_payments_never_exceed_the_total(
    sportello_app: Callable[..., Any],
) -> None:
    """Ten cashiers paying 30.00 each on a 122.00 invoice: four are taken, six refused."""
    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        customer = await party(h)
        made = await draft(h, customer, LINE)
        inv = made["invoice"]["id"]
        await h.ok(INVOICE_ISSUE, {"i": {"id": inv}})
        token = await h.token(roles=["front_desk"])
        pay = {"invoiceId": inv, "amount": "30.00", "method": "cash"}
        results = await asyncio.gather(
            *(h.gql(PAYMENT_REGISTER, {"i": pay}, token=token) for _ in range(10))
        )
        outcomes = [codes(r["data"]["paymentRegister"]) for r in results]
        assert outcomes.count([]) == 4
        assert outcomes.count([("amount", "OVERPAYMENT")]) == 6
        from sportello_sales.models import Invoice

        row = await Invoice.get(id=int(relay.GlobalID.from_id(inv).node_id))
        assert row.paid_total == 120


async def test_a_failed_issue_leaves_no_gap(
    sportello_app: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An issue that fails after taking its number rolls the number back with it."""
    from sportello_sales.services.invoices import issue

    async with sportello_app(MODULES, plugins=PLUGINS, live=True) as h:
        customer = await party(h)
        first, failing, third = [
            (await draft(h, customer, LINE))["invoice"]["id"] for _ in range(3)
        ]
        assert (await h.ok(INVOICE_ISSUE, {"i": {"id": first}}))["invoiceIssue"]["errors"] == []

        real = issue.publish_issued

        async def broken(*args: Any, **kwargs: Any) -> None:
            raise RuntimeError("the event store is down")

        monkeypatch.setattr(issue, "publish_issued", broken)
        failed = await h.gql(INVOICE_ISSUE, {"i": {"id": failing}})
        assert failed.get("errors") and failed["data"] is None
        monkeypatch.setattr(issue, "publish_issued", real)

        year = dt.date.today().year
        out = (await h.ok(INVOICE_ISSUE, {"i": {"id": third}}))["invoiceIssue"]
        assert out["invoice"]["number"] == f"{year}/FT/000002"
        again = (await h.ok(INVOICE_ISSUE, {"i": {"id": failing}}))["invoiceIssue"]
        assert again["invoice"]["number"] == f"{year}/FT/000003"
        assert _sequence(again["invoice"]["number"]) == 3
