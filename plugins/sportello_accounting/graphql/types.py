"""GraphQL types of the ledger. Amounts are stored in cents and shown as decimals."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import strawberry
from strawberry import relay

from sportello import api
from sportello_accounting import models
from sportello_accounting.services._common import from_cents

VIEW = "accounting.view"


@strawberry.enum(description="What an account is: where it shows in the reports.")
class AccountType(enum.Enum):
    ASSET = models.ASSET
    LIABILITY = models.LIABILITY
    EQUITY = models.EQUITY
    INCOME = models.INCOME
    EXPENSE = models.EXPENSE


@strawberry.enum(description="What an account is used for by the postings.")
class AccountRole(enum.Enum):
    RECEIVABLE = "receivable"
    PAYABLE = "payable"
    BANK = "bank"
    CASH = "cash"
    VAT_OUTPUT = "vat_output"
    VAT_INPUT = "vat_input"
    VAT_SETTLEMENT = "vat_settlement"
    ROUNDING = "rounding"
    RETAINED_EARNINGS = "retained_earnings"
    YEAR_RESULT = "year_result"
    SALES = "sales"
    PURCHASES = "purchases"
    REVENUE_ROOMS = "revenue_rooms"
    REVENUE_FOOD = "revenue_food"
    CITY_TAX = "city_tax"
    CARD_CLEARING = "card_clearing"
    CUSTOMER_ADVANCES = "customer_advances"
    CASH_DIFFERENCE = "cash_difference"


@strawberry.enum(description="The chart templates.")
class ChartTemplate(enum.Enum):
    GENERIC = "generic"
    IT = "it"
    ES = "es"
    GR = "gr"


@strawberry.enum
class JournalKind(enum.Enum):
    SALES = "sales"
    PURCHASES = "purchases"
    BANK = "bank"
    CASH = "cash"
    MISC = "misc"


@strawberry.enum(description="A line's part in the VAT registers.")
class TaxKind(enum.Enum):
    BASE = "base"
    TAX = "tax"


@strawberry.enum
class PeriodStatus(enum.Enum):
    OPEN = models.OPEN
    CLOSED = models.CLOSED


def _role(root: models.Account) -> AccountRole | None:
    return AccountRole(root.role) if root.role else None


@strawberry.type(description="An account of the chart.")
class Account(api.ModelNode):
    __model__ = models.Account
    __permission__ = VIEW
    __needs__ = {"role": api.needs("role")}

    id: relay.NodeID[int]
    code: str
    name: str
    type: AccountType
    archived: bool
    role: AccountRole | None = strawberry.field(resolver=_role)


@strawberry.type(description="A book of entries.")
class Journal(api.ModelNode):
    __model__ = models.Journal
    __permission__ = VIEW

    id: relay.NodeID[int]
    code: str
    name: str
    kind: JournalKind
    archived: bool


@strawberry.type(description="A month of a fiscal year; a closed one takes no posting.")
class Period(api.ModelNode):
    __model__ = models.Period
    __permission__ = VIEW

    id: relay.NodeID[int]
    start: dt.date
    end: dt.date
    status: PeriodStatus
    closed_at: dt.datetime | None
    entries_at_close: int | None = strawberry.field(
        description="The entries the period held when it closed: it never holds more"
    )


@strawberry.type(description="A fiscal year and its twelve monthly periods.")
class FiscalYear(api.ModelNode):
    __model__ = models.FiscalYear
    __permission__ = VIEW

    id: relay.NodeID[int]
    name: str
    start: dt.date
    end: dt.date
    status: PeriodStatus
    periods: list[Period] = api.related(Period, "fiscal_year", order_by=("start",))


def _debit(root: models.EntryLine) -> Decimal:
    return from_cents(root.debit)


def _credit(root: models.EntryLine) -> Decimal:
    return from_cents(root.credit)


def _amount(root: models.EntryLine) -> Decimal:
    return from_cents(root.amount)


@strawberry.type(description="A debit or a credit of an entry.")
class EntryLine(api.ModelNode):
    __model__ = models.EntryLine
    __permission__ = VIEW
    __needs__ = {
        "debit": api.needs("debit"),
        "credit": api.needs("credit"),
        "amount": api.needs("amount"),
    }

    id: relay.NodeID[int]
    account: Account
    party: api.Party | None
    currency: str
    rate: Decimal
    label: str
    tax_rate: Decimal | None
    debit: Decimal = strawberry.field(resolver=_debit, description="Company currency")
    credit: Decimal = strawberry.field(resolver=_credit, description="Company currency")
    amount: Decimal = strawberry.field(
        resolver=_amount, description="Signed amount in the line's currency (debit positive)"
    )


def _posted() -> bool:
    return True


def _reversed_by(root: models.Entry) -> strawberry.ID | None:
    if root.reversed_by_id is None:
        return None
    return strawberry.ID(api.encode_id("JournalEntry", root.reversed_by_id))


@strawberry.type(description="A posted journal entry: balanced, numbered, immutable.")
class JournalEntry(api.ModelNode):
    __model__ = models.Entry
    __permission__ = VIEW
    __needs__ = {"posted": api.needs(), "reversed_by": api.needs("reversed_by_id")}

    id: relay.NodeID[int]
    journal: Journal
    number: int = strawberry.field(description="Gapless within the journal and fiscal year")
    date: dt.date
    reference: str
    source_office: str
    source_document: str | None
    source_event: int | None
    reversal_of: JournalEntry | None
    reversed_by: strawberry.ID | None = strawberry.field(
        resolver=_reversed_by, description="The entry reversing this one (null: not reversed)"
    )
    created_at: dt.datetime
    lines: list[EntryLine] = api.related(EntryLine, "entry", order_by=("id",))
    posted: bool = strawberry.field(
        resolver=_posted, description="Always true: entries are posted whole or not at all"
    )


AccountingError = api.office_errors(
    "Accounting",
    "UNBALANCED",
    "PERIOD_LOCKED",
    "NO_PERIOD",
    "RATE_REQUIRED",
    "NO_ROUNDING_ACCOUNT",
    "ACCOUNT_ARCHIVED",
    "ACCOUNT_IN_USE",
    "ALREADY_REVERSED",
    "PERIOD_CLOSED",
    "YEAR_OVERLAPS",
    "CHART_INSTALLED",
    "CODE_TAKEN",
    "YEAR_CLOSED",
    "NO_RESULT_ACCOUNT",
    "BILL_EXISTS",
    "OVERPAID",
    "STATEMENT_EXISTS",
    "ALREADY_RECONCILED",
    "INVALID_KEY",
    "WRONG_ACCOUNT_TYPE",
    "NO_ACCOUNT",
    "ORGANISATION_REQUIRED",
    "NOT_AN_ORGANISATION",
    "OTHER_ORGANISATION",
)
