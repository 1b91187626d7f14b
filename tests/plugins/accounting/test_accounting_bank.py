"""Bank statements through GraphQL: CSV and CAMT.053 import, ranked suggestions, the
accountant's confirmation (reconciled once), unmatched lines staying visible."""

from __future__ import annotations

from decimal import Decimal

from accounting_helpers import MODULES, ledger, trial
from test_accounting_payables import BILL, _supplier

D = Decimal
IMPORT = """
mutation($i: BankStatementImportInput!) {
  bankStatementImport(input: $i) { bankStatement { id reference } errors { field code } }
}
"""
LINES = """
query($s: ID, $st: BankLineStatus) {
  bankLines(first: 50, statementId: $s, status: $st) {
    edges { node { id date amount counterparty reference status bill { number } } }
  }
}
"""
SUGGEST = """
query($l: ID!) { bankLineSuggestions(lineId: $l) { score reasons bill { id number } } }
"""
RECONCILE = """
mutation($i: BankLineReconcileInput!) {
  bankLineReconcile(input: $i) { bankLine { status entry { number } } errors { field code } }
}
"""
CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
  <Stmt><Id>STMT-2026-03</Id>
   <Ntry><Amt Ccy="EUR">61.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-03-20</Dt></BookgDt>
    <NtryDtls><TxDtls><RltdPties><Cdtr><Nm>LIMPIEZAS SOL SL</Nm></Cdtr></RltdPties>
     <RmtInf><Ustrd>Factura LS-77</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
   <Ntry><Amt Ccy="EUR">250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-21</Dt></BookgDt>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Walk-in guest</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
"""


async def test_csv_statement_suggests_and_reconciles_bills(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        rossi = await _supplier(h, "Forniture Rossi")
        verde = await _supplier(h, "Energia Verde")
        bills = {}
        for supplier, number, amount in ((rossi, "F-1", "100.00"), (verde, "EV-2", "122.00")):
            made = await h.ok(
                BILL,
                {
                    "i": {
                        "supplierId": supplier,
                        "number": number,
                        "date": "2026-02-01",
                        "dueDate": "2026-02-28",
                        "lines": [{"accountId": lg.accounts["6100"], "amount": amount}],
                    }
                },
            )
            bills[number] = made["supplierBillCreate"]["supplierBill"]["id"]
        csv = (
            "date;amount;counterparty;reference\n"
            "2026-02-20;-100,00;FORNITURE ROSSI SRL;pagamento fattura F-1\n"
            "2026-02-21;-45,10;Unknown shop;card\n"
            "2026-02-22;300,00;Guest;deposit\n"
        )
        imported = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["1100"], "format": "CSV", "content": csv}}
        )
        statement = imported["bankStatementImport"]["bankStatement"]["id"]
        again = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["1100"], "format": "CSV", "content": csv}}
        )
        assert again["bankStatementImport"]["errors"] == [
            {"field": "content", "code": "STATEMENT_EXISTS"}
        ]
        lines = [e["node"] for e in (await h.ok(LINES, {"s": statement}))["bankLines"]["edges"]]
        assert [D(x["amount"]) for x in lines] == [D("-100.00"), D("-45.10"), D("300.00")]
        first = lines[0]["id"]
        ranked = (await h.ok(SUGGEST, {"l": first}))["bankLineSuggestions"]
        assert ranked[0]["bill"]["number"] == "F-1"
        assert ranked[0]["score"] == 100
        assert ranked[0]["reasons"] == ["amount", "reference", "party"]
        assert all(r["bill"]["number"] != "EV-2" or r["score"] < 100 for r in ranked)
        done = (await h.ok(RECONCILE, {"i": {"lineId": first, "billId": bills["F-1"]}}))[
            "bankLineReconcile"
        ]
        assert done["errors"] == [] and done["bankLine"]["status"] == "RECONCILED"
        twice = (await h.ok(RECONCILE, {"i": {"lineId": first, "billId": bills["F-1"]}}))[
            "bankLineReconcile"
        ]
        assert twice["errors"] == [{"field": "lineId", "code": "ALREADY_RECONCILED"}]
        wrong = await h.ok(RECONCILE, {"i": {"lineId": lines[1]["id"], "billId": bills["EV-2"]}})
        assert wrong["bankLineReconcile"]["errors"] == []  # the accountant decides: partial
        still_open = (await h.ok(LINES, {"s": statement, "st": "OPEN"}))["bankLines"]["edges"]
        assert [e["node"]["counterparty"] for e in still_open] == ["Guest"]
        tb = {
            r["code"]: D(r["closing"]) for r in (await trial(h, "2026-01-01", "2026-12-31"))["rows"]
        }
        assert tb["2000"] == D("-76.90") and tb["1100"] == D("-145.10")


async def test_camt053_statement_imports_debits_and_credits(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        lg = await ledger(h)
        made = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["1100"], "format": "CAMT053", "content": CAMT}}
        )
        assert made["bankStatementImport"]["bankStatement"]["reference"] == "STMT-2026-03"
        lines = [e["node"] for e in (await h.ok(LINES, {}))["bankLines"]["edges"]]
        assert [(x["date"], D(x["amount"]), x["counterparty"], x["reference"]) for x in lines] == [
            ("2026-03-20", D("-61.00"), "LIMPIEZAS SOL SL", "Factura LS-77"),
            ("2026-03-21", D("250.00"), "Walk-in guest", ""),
        ]
        bad = await h.ok(
            IMPORT,
            {"i": {"accountId": lg.accounts["1100"], "format": "CAMT053", "content": "<x>"}},
        )
        assert bad["bankStatementImport"]["errors"] == [{"field": "content", "code": "INVALID"}]
        not_bank = await h.ok(
            IMPORT, {"i": {"accountId": lg.accounts["6000"], "format": "CAMT053", "content": CAMT}}
        )
        assert not_bank["bankStatementImport"]["errors"] == [
            {"field": "accountId", "code": "INVALID"}
        ]
