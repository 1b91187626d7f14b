from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import Annotated

import strawberry
from tortoise.expressions import Q

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.types import (
    VIEW,
    Account,
    AccountType,
    FiscalYear,
    Journal,
    JournalEntry,
)


@strawberry.type
class AccountingQueries:
    @api.connection(api.Connection[Account], VIEW, description="The chart of accounts by code.")
    def accounts(
        self,
        type: AccountType | None = None,
        include_archived: bool = False,
        search: str | None = None,
    ) -> AsyncIterable[models.Account]:
        qs = models.Account.all()
        if type is not None:
            qs = qs.filter(type=type.value)
        if not include_archived:
            qs = qs.filter(archived=False)
        if search:
            qs = qs.filter(Q(name__icontains=search) | Q(code__startswith=search))
        return qs.order_by("code")

    @api.connection(api.Connection[Journal], VIEW, description="The journals by code.")
    def journals(self) -> AsyncIterable[models.Journal]:
        return models.Journal.all().order_by("code")

    @api.connection(api.Connection[FiscalYear], VIEW, description="Fiscal years, latest first.")
    def fiscal_years(self) -> AsyncIterable[models.FiscalYear]:
        return models.FiscalYear.all().order_by("-start")

    @api.connection(
        api.Connection[JournalEntry], VIEW, description="Posted entries by date and number."
    )
    def journal_entries(
        self,
        journal_id: strawberry.ID | None = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None,
        source_office: str | None = None,
    ) -> AsyncIterable[models.Entry]:
        qs = models.Entry.all()
        if journal_id is not None:
            qs = qs.filter(journal_id=api.decode_id(journal_id, "Journal", "journalId"))
        if from_ is not None:
            qs = qs.filter(date__gte=from_)
        if to is not None:
            qs = qs.filter(date__lte=to)
        if source_office:
            qs = qs.filter(source_office=source_office)
        return qs.order_by("date", "journal_id", "number")
