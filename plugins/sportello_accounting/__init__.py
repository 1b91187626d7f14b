"""Accounting: chart of accounts, journals, a ledger that cannot be unbalanced, reports."""
