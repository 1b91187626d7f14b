"""The demo year: plausible, balanced, idempotent, and its beancount export loads with the
same trial balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounting_helpers import MODULES, trial
from test_accounting_beancount import same_trial_balance


async def test_demo_year_is_balanced_and_exports_to_beancount(sportello_app) -> None:
    from sportello_accounting.models import Entry, Period

    async with sportello_app(MODULES) as h:
        await h.load_demo()
        count = await Entry.all().count()
        assert count > 10
        await h.load_demo()
        assert await Entry.all().count() == count  # idempotent
        year = dt.date.today().year
        start, end = f"{year}-01-01", f"{year}-12-31"
        tb = await trial(h, start, end)
        assert Decimal(tb["totalClosing"]) == 0
        assert Decimal(tb["totalDebit"]) > Decimal(100000)
        assert await Period.filter(status="closed").exists()
        bills = await h.ok("{ supplierBills(first: 50) { edges { node { openAmount } } } }")
        assert len(bills["supplierBills"]["edges"]) > 5
        lines = await h.ok("{ bankLines(first: 10, status: OPEN) { edges { node { id } } } }")
        assert lines["bankLines"]["edges"]  # waiting for the accountant
        await same_trial_balance(h, start, end)
