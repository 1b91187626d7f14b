"""A party's sales data: exported, and on erasure blanked except issued invoices (kept)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sales_setup import MODULES, PLUGINS, draft, hotel_catalogue, issued, party

EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = """
mutation($i: PartyEraseInput!) {
  partyErase(input: $i) { reports { plugin erased retained } errors { code } }
}
"""
BILLING = """
mutation($i: BillingProfileSetInput!) {
  billingProfileSet(input: $i) { billingProfile { id } errors { field code } }
}
"""


async def test_export_and_erasure(sportello_app: Callable[..., Any]) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        await hotel_catalogue(h)
        guest, other = await party(h, "Maria Verdi"), await party(h, "Luca Neri")
        profile = {"partyId": guest, "fiscalCode": "VRDMRA80A41H501X", "street": "Via Po 1"}
        await h.ok(BILLING, {"i": profile})
        inv = await issued(h, guest, [{"chargeCode": "MINIBAR"}])
        await draft(h, guest, [{"chargeCode": "MINIBAR"}], notes="Call Maria at room 12")
        await issued(h, other, [{"chargeCode": "MINIBAR"}])

        exported = (await h.ok(EXPORT, {"id": guest}))["partyDataExport"]["offices"]["sales"]
        assert exported["billing_profile"]["fiscal_code"] == "VRDMRA80A41H501X"
        assert [i["number"] for i in exported["invoices"]] == [inv["number"], None]
        assert "Luca Neri" not in json.dumps(exported)

        erased = (await h.ok(ERASE, {"i": {"id": guest}}))["partyErase"]
        report = next(r for r in erased["reports"] if r["plugin"] == "sales")
        assert "sales_billing_profile.fiscal_code" in report["erased"]
        assert "sales_invoice.notes" in report["erased"]
        assert "sales_invoice.buyer" in report["retained"]
        again = (await h.ok(EXPORT, {"id": guest}))["partyDataExport"]["offices"]["sales"]
        assert again["billing_profile"]["fiscal_code"] == ""
        assert "Call Maria" not in json.dumps(again)
        # the issued invoice is kept with the buyer as invoiced (tax law)
        [kept] = [i for i in again["invoices"] if i["number"]]
        assert kept["number"] == inv["number"]
        assert kept["buyer"]["fiscal_code"] == "VRDMRA80A41H501X"
