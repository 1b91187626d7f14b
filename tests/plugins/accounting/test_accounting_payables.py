"""Payables through GraphQL: supplier bills with deductible and non-deductible VAT, payments
never above the open amount (also when raced), aged payables."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from accounting_helpers import MODULES, ledger, trial

D = Decimal
PARTY = """
mutation($i: PartyCreateInput!) { partyCreate(input: $i) { party { id } errors { code } } }
"""
BILL = """
mutation($i: SupplierBillCreateInput!) {
  supplierBillCreate(input: $i) {
    supplierBill { id number total paid openAmount
      entry { number lines { account { code } debit credit } } }
    errors { field code }
  }
}
"""
PAY = """
mutation($i: SupplierBillPayInput!) {
  supplierBillPay(input: $i) { supplierBill { id paid openAmount } errors { field code } }
}
"""
AGED = """
query($at: Date!) {
  agedPayables(at: $at) { name notDue overdue30 overdue60 overdue90 older total }
}
"""
VAT = """
query($f: Date!, $t: Date!) { vatSettlement(from: $f, to: $t) { inputVat purchases { rate base tax } } }
"""


async def _supplier(h, name: str) -> str:
    data = await h.ok(PARTY, {"i": {"displayName": name}})
    return data["partyCreate"]["party"]["id"]


async def test_bills_post_expense_vat_and_payable_and_age_by_due_date(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        rossi = await _supplier(h, "Forniture Rossi")
        bill = {
            "supplierId": rossi,
            "number": "F-101",
            "date": "2026-03-01",
            "dueDate": "2026-03-31",
            "lines": [
                {"accountId": lg.accounts["5000"], "amount": "100.00", "vatRate": "22"},
                {
                    "accountId": lg.accounts["6100"],
                    "amount": "50.00",
                    "vatRate": "10",
                    "deductible": False,
                },
            ],
        }
        made = (await h.ok(BILL, {"i": bill}))["supplierBillCreate"]
        assert made["errors"] == [], made
        b = made["supplierBill"]
        assert D(b["total"]) == D("177.00") and D(b["openAmount"]) == D("177.00")
        lines = {(x["account"]["code"], D(x["debit"]), D(x["credit"])) for x in b["entry"]["lines"]}
        assert lines == {
            ("5000", D("100.00"), D(0)),
            ("1400", D("22.00"), D(0)),
            ("6100", D("55.00"), D(0)),
            ("2000", D(0), D("177.00")),
        }
        twice = (await h.ok(BILL, {"i": bill}))["supplierBillCreate"]
        assert twice["errors"] == [{"field": "number", "code": "BILL_EXISTS"}]
        vat = (await h.ok(VAT, {"f": "2026-03-01", "t": "2026-03-31"}))["vatSettlement"]
        assert D(vat["inputVat"]) == D("22.00")
        paid = (await h.ok(PAY, {"i": {"id": b["id"], "date": "2026-04-10", "amount": "77.00"}}))[
            "supplierBillPay"
        ]
        assert D(paid["supplierBill"]["openAmount"]) == D("100.00")
        too_much = (
            await h.ok(PAY, {"i": {"id": b["id"], "date": "2026-04-11", "amount": "100.01"}})
        )["supplierBillPay"]
        assert too_much["errors"] == [{"field": "amount", "code": "OVERPAID"}]
        aged = (await h.ok(AGED, {"at": "2026-05-15"}))["agedPayables"]
        assert len(aged) == 1 and aged[0]["name"] == "Forniture Rossi"
        assert D(aged[0]["overdue60"]) == D("100.00") and D(aged[0]["total"]) == D("100.00")
        before_payment = (await h.ok(AGED, {"at": "2026-03-15"}))["agedPayables"]
        assert D(before_payment[0]["notDue"]) == D("177.00")
        tb = await trial(h, "2026-01-01", "2026-12-31")
        assert D(tb["totalClosing"]) == 0
        payable = {r["code"]: D(r["closing"]) for r in tb["rows"]}["2000"]
        assert payable == D("-100.00")


async def test_concurrent_payments_never_exceed_the_bill(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        lg = await ledger(h)
        supplier = await _supplier(h, "Energia Verde")
        bill = {
            "supplierId": supplier,
            "number": "EV-9",
            "date": "2026-02-01",
            "dueDate": "2026-02-28",
            "lines": [{"accountId": lg.accounts["6100"], "amount": "100.00"}],
        }
        made = (await h.ok(BILL, {"i": bill}))["supplierBillCreate"]["supplierBill"]
        token = await h.token(roles=["back_office"])
        pay = {"i": {"id": made["id"], "date": "2026-02-20", "amount": "30.00"}}
        results = await asyncio.gather(*(h.gql(PAY, pay, token=token) for _ in range(6)))
        ok = [r for r in results if r["data"]["supplierBillPay"]["errors"] == []]
        assert len(ok) == 3
        tb = await trial(h, "2026-01-01", "2026-12-31")
        closing = {r["code"]: D(r["closing"]) for r in tb["rows"]}
        assert closing["2000"] == D("-10.00") and closing["1100"] == D("-90.00")


BILLS = """
query($n: Int!) {
  supplierBills(first: $n) {
    edges { node { id number total openAmount supplier { displayName } entry { number } } }
  }
}
"""


async def test_bill_list_query_count_does_not_grow_with_the_page(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        supplier = await _supplier(h, "Forniture Rossi")
        for n in range(5):
            bill = {
                "supplierId": supplier,
                "number": f"F-{n}",
                "date": "2026-02-01",
                "dueDate": "2026-02-28",
                "lines": [{"accountId": lg.accounts["6100"], "amount": "10.00"}],
            }
            await h.ok(BILL, {"i": bill})
        await h.settle()
        counts = []
        for size in (1, 5):
            await h.ok(BILLS, {"n": size})
            with count_queries() as queries:
                data = await h.ok(BILLS, {"n": size})
            assert len(data["supplierBills"]["edges"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1]
