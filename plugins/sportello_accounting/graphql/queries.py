from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from typing import Annotated

import strawberry
from tortoise.expressions import Q

from sportello import api
from sportello_accounting import models
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
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
    async def accounts(
        self,
        info: strawberry.Info,
        type: AccountType | None = None,
        include_archived: bool = False,
        search: str | None = None,
        organisation_id: OrganisationArg = None,
    ) -> AsyncIterable[models.Account]:
        qs = models.Account.filter(organisation_id=await organisation(info, organisation_id))
        if type is not None:
            qs = qs.filter(type=type.value)
        if not include_archived:
            qs = qs.filter(archived=False)
        if search:
            qs = qs.filter(Q(name__icontains=search) | Q(code__startswith=search))
        return qs.order_by("code")

    @api.connection(api.Connection[Journal], VIEW, description="The journals by code.")
    async def journals(
        self, info: strawberry.Info, organisation_id: OrganisationArg = None
    ) -> AsyncIterable[models.Journal]:
        org = await organisation(info, organisation_id)
        return models.Journal.filter(organisation_id=org).order_by("code")

    @api.connection(api.Connection[FiscalYear], VIEW, description="Fiscal years, latest first.")
    async def fiscal_years(
        self, info: strawberry.Info, organisation_id: OrganisationArg = None
    ) -> AsyncIterable[models.FiscalYear]:
        org = await organisation(info, organisation_id)
        return models.FiscalYear.filter(organisation_id=org).order_by("-start")

    @api.connection(
        api.Connection[JournalEntry], VIEW, description="Posted entries by date and number."
    )
    async def journal_entries(
        self,
        info: strawberry.Info,
        journal_id: strawberry.ID | None = None,
        from_: Annotated[dt.date | None, strawberry.argument(name="from")] = None,
        to: dt.date | None = None,
        source_office: str | None = None,
        organisation_id: OrganisationArg = None,
    ) -> AsyncIterable[models.Entry]:
        org = await organisation(info, organisation_id)
        qs = models.Entry.filter(journal__organisation_id=org)
        if journal_id is not None:
            qs = qs.filter(journal_id=api.decode_id(journal_id, "Journal", "journalId"))
        if from_ is not None:
            qs = qs.filter(date__gte=from_)
        if to is not None:
            qs = qs.filter(date__lte=to)
        if source_office:
            qs = qs.filter(source_office=source_office)
        return qs.order_by("date", "journal_id", "number")
