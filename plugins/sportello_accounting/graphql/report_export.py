"""The reports as files: CSV, or PDF labelled in the reader's language."""

from __future__ import annotations

import base64
import datetime as dt
import enum
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool

from sportello import api
from sportello_accounting.graphql.organisation import OrganisationArg, organisation
from sportello_accounting.graphql.reports import From
from sportello_accounting.graphql.types import VIEW
from sportello_accounting.services import report_tables
from sportello_accounting.services._common import settings
from sportello_accounting.services.report_labels import language_of


@strawberry.enum(description="The reports that export as files.")
class ReportKind(enum.Enum):
    TRIAL_BALANCE = "trial_balance"
    PROFIT_AND_LOSS = "profit_and_loss"
    BALANCE_SHEET = "balance_sheet"
    VAT_SETTLEMENT = "vat_settlement"
    GENERAL_LEDGER = "general_ledger"


@strawberry.enum
class ReportFileFormat(enum.Enum):
    CSV = "csv"
    PDF = "pdf"


@strawberry.type(description="A report as a file.")
class ReportFile:
    filename: str
    content_type: str
    encoding: str = strawberry.field(description="text (CSV) or base64 (PDF)")
    content: str


@strawberry.type
class ReportExportQueries:
    @api.query(
        VIEW,
        description=(
            "A report as CSV or PDF (labels in `language`, else the reader's: en, it, es, el)."
            " The balance sheet is at `to`; the general ledger is of `accountId`."
        ),
    )
    async def report_export(
        self,
        info: strawberry.Info,
        report: ReportKind,
        format: ReportFileFormat,
        from_: From,
        to: dt.date,
        language: str | None = None,
        account_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The account of the general ledger (required)."),
        ] = None,
        organisation_id: OrganisationArg = None,
    ) -> ReportFile:
        org = await organisation(info, organisation_id)
        lang = language_of(language or info.context.language)
        account = api.decode_optional(account_id, "Account", "accountId")
        table = await report_tables.build(org, report.value, lang, from_, to, account)
        name = f"{report.value}_{from_.isoformat()}_{to.isoformat()}"
        # Here, not at import: the PDF library (fpdf2) costs the cold start ~0.1 s.
        from sportello_accounting.services import report_files

        if format is ReportFileFormat.CSV:
            return ReportFile(
                filename=f"{name}.csv",
                content_type="text/csv",
                encoding="text",
                content=report_files.to_csv(table),
            )
        body = await run_in_threadpool(report_files.to_pdf, table, lang, "", settings().currency)
        return ReportFile(
            filename=f"{name}_{lang}.pdf",
            content_type="application/pdf",
            encoding="base64",
            content=base64.b64encode(body).decode("ascii"),
        )
