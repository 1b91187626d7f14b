"""Upgrading an installation that numbered across all of it (before sales 0008): its counters
and issued invoices become those of no organisation, each invoice linked to the counter of its
series and year, and numbering goes on from where it was; the old uniqueness of a number across
the installation gives way to one per counter (two organisations may both issue 2027/FT/000001)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sales_setup import MODULES


async def _exec(sql: str) -> None:
    from tortoise import connections

    await connections.get("default").execute_script(sql)


async def _rows(sql: str) -> list[dict[str, object]]:
    from tortoise import connections

    return list(await connections.get("default").execute_query_dict(sql))


INVOICE_COLUMNS = (
    "kind, status, party_id, series_id, year, sequence, number, currency, exchange_rate,"
    " company_currency, rounding, prices_include_tax, net_total, tax_total, total, paid_total,"
    " credited_total, notes, created_at"
)


def _invoice(sequence: int) -> str:
    return (
        f"INSERT INTO sales_invoice ({INVOICE_COLUMNS}) VALUES ('invoice', 'issued', 1, 1, 2030,"
        f" {sequence}, '2030/FT/{sequence:06d}', 'EUR', 1, 'EUR', 'total', FALSE, 10, 2.2, 12.2,"
        " 0, 0, '', CURRENT_TIMESTAMP)"
    )


async def test_counters_and_numbers_carry_over(backend: str, tmp_path: Path) -> None:
    from tortoise.exceptions import IntegrityError
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello.db import close_orm, init_orm, migrate
    from sportello.runtime import Runtime
    from sportello.settings import Settings
    from sportello.testing import drop_database, prepare_database
    from sportello_sales import models as m
    from sportello_sales.services.invoices import issue

    if backend == "sqlite":
        url = f"sqlite://{tmp_path / 'upgrade.sqlite3'}"
    else:
        url = await prepare_database(backend, MODULES, (), tmp_path)
    try:
        config = Runtime(Settings(database_url=url, modules={n: {} for n in MODULES})).db_config
        await tortoise_migrate(
            config=config, app_labels=list(config["apps"]), target="sales.0007_refund_cash_session"
        )
        await close_orm()
        await init_orm(config)
        await _exec(
            "INSERT INTO parties_party (kind, display_name, given_name, family_name, legal_name,"
            " addresses, preferred_language, consents, created_at, updated_at) VALUES"
            " ('person', 'Ada', '', '', '', '[]', 'en', '{}', CURRENT_TIMESTAMP,"
            " CURRENT_TIMESTAMP)"
        )
        await _exec("INSERT INTO sales_series (code, kind, name) VALUES ('FT', 'invoice', 'FT')")
        await _exec(
            "INSERT INTO sales_series_counter (series_id, year, last_number) VALUES (1, 2030, 2)"
        )
        await _exec(_invoice(1))
        await _exec(_invoice(2))
        await close_orm()

        await migrate(config)
        await init_orm(config)
        counters = await m.SeriesCounter.all().values("id", "organisation_key", "last_number")
        assert [(c["organisation_key"], c["last_number"]) for c in counters] == [(0, 2)]
        linked = await m.Invoice.all().order_by("sequence").values_list("counter_id", flat=True)
        assert linked == [counters[0]["id"], counters[0]["id"]]
        # The same counter goes on; another organisation's counter starts again from 1.
        assert await issue.counter_row(1, 2030) == counters[0]["id"]
        org = await issue.counter_row(1, 2030, organisation_id=99)
        assert org != counters[0]["id"]
        # A number is unique per counter still: the same sequence twice on one counter is refused.
        await _exec(_invoice(2).replace("'2030/FT/000002'", "'again'"))
        with pytest.raises(IntegrityError):
            await _exec(
                f"UPDATE sales_invoice SET counter_id = {counters[0]['id']} WHERE number = 'again'"
            )
        await close_orm()
    finally:
        await drop_database(url)
