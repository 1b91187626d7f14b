"""Bank statements: import (CAMT.053 XML, CSV), match suggestions for each line (ranked by
amount, reference and party), reconciliation confirmed by the accountant. Unmatched lines stay
open and visible."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from sportello import api
from sportello_accounting import models as m
from sportello_accounting.services import organisations, payables
from sportello_accounting.services._common import CENT, from_cents, rows, to_cents

OPEN, RECONCILED = "open", "reconciled"
MAX_LINES = 5000


@dataclass(frozen=True)
class ParsedLine:
    date: dt.date
    amount: Decimal
    counterparty: str
    reference: str


def _bad(key: str = "accounting.statement_invalid") -> api.ServiceError:
    return api.ServiceError("INVALID", key, "content")


def _amount(text: str) -> Decimal:
    text = text.strip().replace(" ", "")
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif "," in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _bad() from None
    if not value.is_finite() or value != value.quantize(CENT) or abs(value) >= Decimal("1e12"):
        raise _bad()
    return value


def parse_csv(content: str) -> tuple[str, list[ParsedLine]]:
    """A header with date, amount, and optionally counterparty and reference; ``,`` or ``;``."""
    sample = content[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    names = {(n or "").strip().lower(): n for n in reader.fieldnames or []}
    if "date" not in names or "amount" not in names:
        raise _bad()
    out = []
    for row in reader:
        try:
            day = dt.date.fromisoformat((row[names["date"]] or "").strip())
        except ValueError:
            raise _bad() from None
        out.append(
            ParsedLine(
                date=day,
                amount=_amount(row[names["amount"]] or ""),
                counterparty=(row.get(names.get("counterparty", ""), "") or "").strip()[:200],
                reference=(row.get(names.get("reference", ""), "") or "").strip()[:300],
            )
        )
    digest = hashlib.sha256(content.encode()).hexdigest()[:20]
    return f"csv-{digest}", out


def _text(node: ET.Element | None, path: str) -> str:
    if node is None:
        return ""
    found = node.find(path)
    return (found.text or "").strip() if found is not None else ""


def parse_camt053(content: str) -> tuple[str, list[ParsedLine]]:
    """ISO 20022 bank-to-customer statement: every ``Ntry`` of the first ``Stmt``."""
    if "<!DOCTYPE" in content or "<!ENTITY" in content:
        raise _bad()  # no document type definitions: no entity expansion
    try:
        root = ET.fromstring(content)
    except ET.ParseError:
        raise _bad() from None
    stmt = root.find(".//{*}Stmt")
    if stmt is None:
        raise _bad()
    out = []
    for entry in stmt.findall("{*}Ntry"):
        amount = _amount(_text(entry, "{*}Amt"))
        if _text(entry, "{*}CdtDbtInd") == "DBIT":
            amount = -amount
        day_text = _text(entry, "{*}BookgDt/{*}Dt") or _text(entry, "{*}ValDt/{*}Dt")
        try:
            day = dt.date.fromisoformat(day_text[:10])
        except ValueError:
            raise _bad() from None
        tx = entry.find(".//{*}TxDtls")
        party = "{*}RltdPties/{*}Cdtr/{*}Nm" if amount < 0 else "{*}RltdPties/{*}Dbtr/{*}Nm"
        reference = _text(tx, "{*}RmtInf/{*}Ustrd") or _text(entry, "{*}AddtlNtryInf")
        out.append(ParsedLine(day, amount, _text(tx, party)[:200], reference[:300]))
    return _text(stmt, "{*}Id")[:80] or "camt-" + hashlib.sha256(content.encode()).hexdigest()[
        :20
    ], out


async def import_statement(
    actor: api.Actor, account_id: int, fmt: str, content: str
) -> m.BankStatement:
    account: m.Account = await api.get_or_error(m.Account, account_id, "accountId")
    await organisations.check(actor, account.organisation_id, "accountId")
    if account.role not in ("bank", "cash"):
        raise api.ServiceError("INVALID", "accounting.not_a_bank_account", "accountId")
    reference, lines = parse_camt053(content) if fmt == "camt053" else parse_csv(content)
    if not lines or len(lines) > MAX_LINES:
        raise _bad()
    try:
        async with api.atomic():
            statement = await m.BankStatement.create(
                account_id=account_id, reference=reference, format=fmt
            )
            await m.BankLine.bulk_create(
                [
                    m.BankLine(
                        statement_id=statement.id,
                        date=ln.date,
                        amount=to_cents(ln.amount),
                        counterparty=ln.counterparty,
                        reference=ln.reference,
                    )
                    for ln in lines
                ]
            )
            await api.record(actor, "bankStatementImport", statement, after={"lines": len(lines)})
    except IntegrityError:
        raise api.ServiceError(
            "STATEMENT_EXISTS", "accounting.statement_exists", "content"
        ) from None
    return statement


@dataclass
class Match:
    bill: m.SupplierBill
    score: int
    reasons: list[str]


def words(text: str) -> set[str]:
    return {
        w for w in "".join(c if c.isalnum() else " " for c in text.casefold()).split() if len(w) > 2
    }


async def line_organisation(line: m.BankLine) -> int:
    """The organisation whose ledger a statement line belongs to (its account's)."""
    found = await rows(
        "SELECT a.organisation_id FROM accounting_bank_statement s"
        " JOIN accounting_account a ON a.id = s.account_id WHERE s.id = ?",
        [line.statement_id],
    )
    return int(found[0]["organisation_id"])


async def suggestions(line_id: int, limit: int = 5, actor: api.Actor = api.SYSTEM) -> list[Match]:
    """Open supplier bills that may be what an outgoing line paid, best first: the same open
    amount (50), the bill's number in the reference (30), the supplier's name (20)."""
    line: m.BankLine = await api.get_or_error(m.BankLine, line_id, "lineId")
    if line.status != OPEN or line.amount >= 0:
        return []
    wanted = -line.amount
    org = await line_organisation(line)
    await organisations.check(actor, org, "lineId")
    bills = await m.SupplierBill.filter(organisation_id=org, paid__lt=F("total")).prefetch_related(
        "supplier"
    )
    ranked = []
    ref = line.reference.casefold()
    for bill in bills:
        score, reasons = 0, list[str]()
        if bill.total - bill.paid == wanted:
            score, reasons = score + 50, [*reasons, "amount"]
        if bill.number.casefold() in ref:
            score, reasons = score + 30, [*reasons, "reference"]
        if words(bill.supplier.display_name) & words(line.counterparty + " " + line.reference):
            score, reasons = score + 20, [*reasons, "party"]
        if score:
            ranked.append(Match(bill, score, reasons))
    ranked.sort(key=lambda x: (-x.score, x.bill.due_date, x.bill.id))
    return ranked[:limit]


async def reconcile(actor: api.Actor, line_id: int, bill_id: int) -> m.BankLine:
    """The accountant confirms: the line pays the bill (a payment entry from the statement's
    account), and the line is reconciled, once (a conditional UPDATE open -> reconciled)."""
    async with api.atomic():
        line: m.BankLine = await api.get_or_error(m.BankLine, line_id, "lineId")
        await organisations.check(actor, await line_organisation(line), "lineId")
        found: m.SupplierBill = await api.get_or_error(m.SupplierBill, bill_id, "billId")
        if found.organisation_id != await line_organisation(line):
            raise api.ServiceError("OTHER_ORGANISATION", "accounting.other_organisation", "billId")
        if line.amount >= 0:
            raise api.ServiceError("INVALID", "accounting.not_a_payment", "lineId")
        changed = await m.BankLine.filter(id=line_id, status=OPEN).update(
            status=RECONCILED, bill_id=bill_id
        )
        if not changed:
            raise api.ServiceError("ALREADY_RECONCILED", "accounting.already_reconciled", "lineId")
        statement = await m.BankStatement.get(id=line.statement_id)
        bill = await payables.pay_bill(
            actor, bill_id, line.date, from_cents(-line.amount), statement.account_id
        )
        payment = await m.BillPayment.filter(bill_id=bill.id).order_by("-id").first()
        assert payment is not None
        await m.BankLine.filter(id=line_id).update(entry_id=payment.entry_id)
        line.status, line.bill_id, line.entry_id = RECONCILED, bill_id, payment.entry_id
        await api.record(actor, "bankLineReconcile", line, after={"bill": bill_id})
    return line
