"""The ledger: accounts, journals, fiscal years and periods, entries and their lines.

One ledger per organisation (the party that sites name as their organisation), kept in the
company currency: accounts, journals, fiscal years, account mappings and supplier bills name
their organisation; entries follow their journal, lines their entry, periods their fiscal year,
bank statements their account.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from sportello import api

# Account types and roles (the columns' values).
ASSET, LIABILITY, EQUITY, INCOME, EXPENSE = "asset", "liability", "equity", "income", "expense"
TYPES = (ASSET, LIABILITY, EQUITY, INCOME, EXPENSE)
ROLES = (
    "receivable",
    "payable",
    "bank",
    "cash",
    "vat_output",
    "vat_input",
    "vat_settlement",
    "rounding",
    "retained_earnings",
    "year_result",
    "sales",
    "purchases",
    "revenue_rooms",
    "revenue_food",
    "city_tax",
    "card_clearing",
    "customer_advances",
    "cash_difference",
)
# Journal kinds.
JOURNAL_KINDS = ("sales", "purchases", "bank", "cash", "misc")
# Period statuses.
OPEN, CLOSED = "open", "closed"


class Account(Model):
    """An account of the chart: code, name, type and an optional role."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    organisation_id: int
    code = fields.CharField(max_length=20)
    name = fields.CharField(max_length=200)
    #: asset, liability, equity, income or expense
    type = fields.CharField(max_length=16)
    #: receivable, payable, bank, cash, vat_output, vat_input, rounding and so on (or empty)
    role = fields.CharField(max_length=24, default="", db_index=True)
    archived = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "accounting_account"
        ordering = ["code"]
        unique_together = (("organisation", "code"),)


class Journal(Model):
    """A book of entries: sales, purchases, bank, cash or miscellaneous."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    organisation_id: int
    code = fields.CharField(max_length=10)
    name = fields.CharField(max_length=100)
    kind = fields.CharField(max_length=16)
    archived = fields.BooleanField(default=False)

    class Meta:
        table = "accounting_journal"
        ordering = ["code"]
        unique_together = (("organisation", "code"),)


class FiscalYear(Model):
    """A fiscal year, split into monthly periods."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    organisation_id: int
    name = fields.CharField(max_length=20)
    start = fields.DateField()
    end = fields.DateField()
    status = fields.CharField(max_length=8, default=OPEN)

    class Meta:
        table = "accounting_fiscal_year"
        ordering = ["start"]
        unique_together = (("organisation", "name"), ("organisation", "start"))


class Period(Model):
    """A month of a fiscal year: closing it locks posting inside it, for everyone."""

    id = fields.IntField(primary_key=True)
    fiscal_year: fields.ForeignKeyRelation[FiscalYear] = fields.ForeignKeyField(
        "accounting.FiscalYear", related_name="periods", on_delete=fields.RESTRICT
    )
    fiscal_year_id: int
    start = fields.DateField()
    end = fields.DateField()
    status = fields.CharField(max_length=8, default=OPEN)
    closed_at = fields.DatetimeField(null=True)
    #: how many entries the period held when its close committed (it never holds more)
    entries_at_close = fields.IntField(null=True)

    class Meta:
        table = "accounting_period"
        ordering = ["start"]
        unique_together = (("fiscal_year", "start"),)


class EntrySequence(Model):
    """The last entry number issued in a journal and fiscal year (gapless numbering)."""

    id = fields.IntField(primary_key=True)
    journal: fields.ForeignKeyRelation[Journal] = fields.ForeignKeyField(
        "accounting.Journal", related_name=False, on_delete=fields.RESTRICT
    )
    journal_id: int
    fiscal_year: fields.ForeignKeyRelation[FiscalYear] = fields.ForeignKeyField(
        "accounting.FiscalYear", related_name=False, on_delete=fields.RESTRICT
    )
    fiscal_year_id: int
    last_number = fields.IntField(default=0)

    class Meta:
        table = "accounting_entry_sequence"
        unique_together = (("journal", "fiscal_year"),)


class Entry(Model):
    """A posted journal entry: immutable, balanced, numbered without gaps per journal and year."""

    id = fields.IntField(primary_key=True)
    journal: fields.ForeignKeyRelation[Journal] = fields.ForeignKeyField(
        "accounting.Journal", related_name="entries", on_delete=fields.RESTRICT
    )
    journal_id: int
    fiscal_year: fields.ForeignKeyRelation[FiscalYear] = fields.ForeignKeyField(
        "accounting.FiscalYear", related_name=False, on_delete=fields.RESTRICT
    )
    fiscal_year_id: int
    period: fields.ForeignKeyRelation[Period] = fields.ForeignKeyField(
        "accounting.Period", related_name=False, on_delete=fields.RESTRICT
    )
    period_id: int
    number = fields.IntField()
    date = fields.DateField(db_index=True)
    reference = fields.CharField(max_length=200, default="")
    #: The office that caused the entry (accounting for manual entries)
    source_office = fields.CharField(max_length=40)
    #: The source document (invoice:12), unique per office: posting is idempotent per source
    source_document = fields.CharField(max_length=120, null=True)
    #: The event that caused the entry, when one did
    source_event = fields.BigIntField(null=True)
    reversal_of: fields.ForeignKeyNullableRelation[Entry] = fields.ForeignKeyField(
        "accounting.Entry", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    reversal_of_id: int | None
    #: set on the entry that a later entry reverses
    reversed_by_id = fields.IntField(null=True)
    created_by = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "accounting_entry"
        ordering = ["date", "id"]
        unique_together = (
            ("journal", "fiscal_year", "number"),
            ("source_office", "source_document"),
        )


class EntryLine(Model):
    """A debit or credit of an entry, in the company currency, with the transaction currency."""

    id = fields.IntField(primary_key=True)
    entry: fields.ForeignKeyRelation[Entry] = fields.ForeignKeyField(
        "accounting.Entry", related_name="lines", on_delete=fields.RESTRICT
    )
    entry_id: int
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "accounting.Account", related_name=False, on_delete=fields.RESTRICT
    )
    account_id: int
    party: fields.ForeignKeyNullableRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    #: the entry's date, repeated for the reports' index
    date = fields.DateField()
    #: company currency, in cents (integers: exact sums on every database)
    debit = fields.BigIntField(default=0)
    #: company currency, in cents
    credit = fields.BigIntField(default=0)
    #: the transaction currency (ISO 4217)
    currency = fields.CharField(max_length=3)
    #: signed amount in the transaction currency, in cents (debit positive)
    amount = fields.BigIntField()
    #: company currency units per unit of the transaction currency
    rate = fields.DecimalField(max_digits=18, decimal_places=8, default=1)
    label = fields.CharField(max_length=200, default="")
    #: the VAT rate in percent, on VAT base and VAT lines
    tax_rate = fields.DecimalField(max_digits=6, decimal_places=2, null=True)
    #: base or tax on VAT lines (empty otherwise)
    tax_kind = fields.CharField(max_length=8, default="")

    class Meta:
        table = "accounting_entry_line"
        ordering = ["id"]
        indexes = (("account_id", "date", "entry_id", "id"), ("date", "account_id"), ("entry_id",))


class PeriodBalance(Model):
    """Debits and credits of an account in a period, kept by the posting transaction: the
    reports sum whole periods from here and read lines only for the periods a range cuts."""

    id = fields.IntField(primary_key=True)
    period: fields.ForeignKeyRelation[Period] = fields.ForeignKeyField(
        "accounting.Period", related_name=False, on_delete=fields.RESTRICT
    )
    period_id: int
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "accounting.Account", related_name=False, on_delete=fields.RESTRICT
    )
    account_id: int
    #: cents
    debit = fields.BigIntField(default=0)
    #: cents
    credit = fields.BigIntField(default=0)

    class Meta:
        table = "accounting_period_balance"
        unique_together = (("period", "account"),)


class SupplierBill(Model):
    """A supplier's invoice: posted to the purchases journal, paid in one or more payments."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    organisation_id: int
    supplier: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    supplier_id: int
    #: the supplier's own number of the invoice
    number = fields.CharField(max_length=60)
    date = fields.DateField()
    due_date = fields.DateField(db_index=True)
    #: gross total in cents (company currency)
    total = fields.BigIntField()
    #: paid so far in cents, never above the total
    paid = fields.BigIntField(default=0)
    entry: fields.ForeignKeyRelation[Entry] = fields.ForeignKeyField(
        "accounting.Entry", related_name=False, on_delete=fields.RESTRICT
    )
    entry_id: int
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "accounting_supplier_bill"
        ordering = ["due_date", "id"]
        unique_together = (("organisation", "supplier", "number"),)


class BillPayment(Model):
    """A payment of a supplier bill from a bank or cash account."""

    id = fields.IntField(primary_key=True)
    bill: fields.ForeignKeyRelation[SupplierBill] = fields.ForeignKeyField(
        "accounting.SupplierBill", related_name="payments", on_delete=fields.RESTRICT
    )
    bill_id: int
    date = fields.DateField()
    #: cents
    amount = fields.BigIntField()
    entry: fields.ForeignKeyRelation[Entry] = fields.ForeignKeyField(
        "accounting.Entry", related_name=False, on_delete=fields.RESTRICT
    )
    entry_id: int

    class Meta:
        table = "accounting_bill_payment"
        ordering = ["date", "id"]


class BankStatement(Model):
    """A bank statement imported for a bank or cash account (CAMT.053 or CSV)."""

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "accounting.Account", related_name=False, on_delete=fields.RESTRICT
    )
    account_id: int
    #: the statement's own id (CAMT.053 Stmt/Id) or a digest of the CSV file
    reference = fields.CharField(max_length=80)
    format = fields.CharField(max_length=10)
    imported_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "accounting_bank_statement"
        unique_together = (("account", "reference"),)


class BankLine(Model):
    """A line of a bank statement: open until the accountant reconciles it with a document."""

    id = fields.IntField(primary_key=True)
    statement: fields.ForeignKeyRelation[BankStatement] = fields.ForeignKeyField(
        "accounting.BankStatement", related_name="lines", on_delete=fields.RESTRICT
    )
    statement_id: int
    date = fields.DateField()
    #: cents, positive money in, negative money out
    amount = fields.BigIntField()
    counterparty = fields.CharField(max_length=200, default="")
    reference = fields.CharField(max_length=300, default="")
    status = fields.CharField(max_length=12, default="open", db_index=True)
    bill: fields.ForeignKeyNullableRelation[SupplierBill] = fields.ForeignKeyField(
        "accounting.SupplierBill", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    bill_id: int | None
    entry: fields.ForeignKeyNullableRelation[Entry] = fields.ForeignKeyField(
        "accounting.Entry", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    entry_id: int | None

    class Meta:
        table = "accounting_bank_line"
        ordering = ["date", "id"]


class AccountMapping(Model):
    """Where postings from the other offices go, by key (``charge:MINIBAR``, ``method:card``,
    ``vat:IT22``, ``advances`` ...): set by the accountant over the template's role defaults."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[api.PartyModel] = fields.ForeignKeyField(
        api.PARTY, related_name=False, on_delete=fields.RESTRICT
    )
    organisation_id: int
    key = fields.CharField(max_length=80)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "accounting.Account", related_name=False, on_delete=fields.RESTRICT
    )
    account_id: int
    #: on a ``charge:`` key: the VAT rate (percent) included in that charge's prices, used when
    #: no sales invoice gives it (lodging folios with sales off)
    tax_rate = fields.DecimalField(max_digits=6, decimal_places=2, null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "accounting_account_mapping"
        ordering = ["key"]
        unique_together = (("organisation", "key"),)


class OpenItem(Model):
    """A document a receivable line opened (a sales invoice, a closed folio): what the aged
    receivables report ages by its due date. ``settled`` is the running total of its
    settlements, raised only by a conditional UPDATE that never takes it past ``amount``."""

    id = fields.IntField(primary_key=True)
    line: fields.OneToOneRelation[EntryLine] = fields.OneToOneField(
        "accounting.EntryLine", related_name=False, on_delete=fields.RESTRICT
    )
    line_id: int
    #: the office that issued the document (sales, lodging)
    source_office = fields.CharField(max_length=40)
    #: the document's key in that office (invoice:12, folio:7)
    document = fields.CharField(max_length=120)
    #: the number printed on the document
    number = fields.CharField(max_length=60, default="")
    due_date = fields.DateField(db_index=True)
    #: cents, company currency
    amount = fields.BigIntField()
    #: cents settled so far, never above the amount
    settled = fields.BigIntField(default=0)

    class Meta:
        table = "accounting_open_item"
        ordering = ["due_date", "id"]
        unique_together = (("source_office", "document"),)


class Settlement(Model):
    """How much of an open item a posted line settled (a payment, a credit note, a void after
    checkout); negative when a refund reopens it. Written in the settling line's posting
    transaction, once per line and item."""

    id = fields.IntField(primary_key=True)
    line: fields.ForeignKeyRelation[EntryLine] = fields.ForeignKeyField(
        "accounting.EntryLine", related_name=False, on_delete=fields.RESTRICT
    )
    line_id: int
    item: fields.ForeignKeyRelation[OpenItem] = fields.ForeignKeyField(
        "accounting.OpenItem", related_name="settlements", on_delete=fields.RESTRICT
    )
    item_id: int
    #: the settling line's date
    date = fields.DateField()
    #: cents, company currency
    amount = fields.BigIntField()

    class Meta:
        table = "accounting_settlement"
        ordering = ["date", "id"]
        unique_together = (("line", "item"),)
        indexes = (("item_id", "date"),)


class PendingSettlement(Model):
    """A receivable line that named a document not opened yet (its posting came before the
    document's: two offices' events are handled independently). Applied, then deleted, when
    the document is opened."""

    id = fields.IntField(primary_key=True)
    line: fields.ForeignKeyRelation[EntryLine] = fields.ForeignKeyField(
        "accounting.EntryLine", related_name=False, on_delete=fields.RESTRICT
    )
    line_id: int
    #: the office that issues the document (sales, lodging)
    source_office = fields.CharField(max_length=40)
    #: the document's key in that office (invoice:12, folio:7)
    document = fields.CharField(max_length=120)
    #: cents the line would settle, company currency
    amount = fields.BigIntField()

    class Meta:
        table = "accounting_pending_settlement"
        ordering = ["id"]
        unique_together = (("line", "source_office", "document"),)
        indexes = (("source_office", "document"),)
