"""Upgrading a ledger written before organisations (migration 0008): its accounts, journals,
fiscal years, mappings and bills go to the organisation the sites name, their entries stay
posted (lines are immutable, the balance trigger holds) and numbering goes on per journal."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from tortoise.exceptions import IntegrityError

MODULES = ["accounting"]


async def _empty_database(backend: str, tmp_path: Path) -> str:
    """A database no migration ran on (the test fixtures' templates are migrated to the end)."""
    if backend == "sqlite":
        return f"sqlite://{tmp_path / 'old.sqlite3'}"
    import asyncpg

    base = os.environ["SPORTELLO_TEST_POSTGRES_URL"]
    name = f"sportello_upgrade_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(base.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{base.rpartition('/')[0]}/{name}"


async def _old_ledger(client: object) -> None:
    postgres = client.capabilities.dialect == "postgres"  # type: ignore[attr-defined]

    def marks(n: int) -> str:
        return ", ".join(f"${i}" if postgres else "?" for i in range(1, n + 1))

    run = client.execute_query  # type: ignore[attr-defined]
    now = dt.datetime.now(dt.UTC)
    await run(
        f"INSERT INTO accounting_account (code, name, type, role, archived, created_at)"
        f" VALUES ({marks(6)})",
        ["1000", "Cash", "asset", "cash", False, now],
    )
    await run(
        f"INSERT INTO accounting_account (code, name, type, role, archived, created_at)"
        f" VALUES ({marks(6)})",
        ["4000", "Sales", "income", "sales", False, now],
    )
    await run(
        f"INSERT INTO accounting_journal (code, name, kind, archived) VALUES ({marks(4)})",
        ["MISC", "Miscellaneous", "misc", False],
    )
    await run(
        f'INSERT INTO accounting_fiscal_year (name, start, "end", status) VALUES ({marks(4)})',
        ["2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "open"],
    )
    await run(
        f'INSERT INTO accounting_period (fiscal_year_id, start, "end", status) VALUES ({marks(4)})',
        [1, dt.date(2026, 1, 1), dt.date(2026, 1, 31), "open"],
    )
    await run(
        "INSERT INTO accounting_entry (journal_id, fiscal_year_id, period_id, number, date,"
        f" reference, source_office, created_at) VALUES ({marks(8)})",
        [1, 1, 1, 1, dt.date(2026, 1, 5), "old", "accounting", now],
    )
    await run(
        "INSERT INTO accounting_entry_sequence (journal_id, fiscal_year_id, last_number)"
        f" VALUES ({marks(3)})",
        [1, 1, 1],
    )
    # Both lines in one statement: PostgreSQL checks the entry's balance at commit.
    day = dt.date(2026, 1, 5)
    second = ", ".join(f"${i}" if postgres else "?" for i in range(11, 21))
    await run(
        "INSERT INTO accounting_entry_line (entry_id, account_id, date, debit, credit,"
        f" currency, amount, rate, label, tax_kind) VALUES ({marks(10)}), ({second})",
        [1, 1, day, 1000, 0, "EUR", 1000, 1, "", ""]
        + [1, 2, day, 0, 1000, "EUR", -1000, 1, "", ""],
    )


async def _upgrade(backend: str, tmp_path: Path, org_named: bool) -> None:
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello.db import close_orm, init_orm, migrate
    from sportello.parties.models import Party, Site
    from sportello.runtime import Runtime
    from sportello.settings import Settings
    from sportello.testing import drop_database
    from sportello_accounting import models as m

    url = await _empty_database(backend, tmp_path)
    try:
        config = Runtime(Settings(database_url=url, modules={n: {} for n in MODULES})).db_config
        await tortoise_migrate(
            config=config,
            app_labels=list(config["apps"]),
            target="accounting.0007_party_merge_moves_lines",
        )
        await tortoise_migrate(
            config=config, app_labels=list(config["apps"]), target="parties.0004_party_merged_into"
        )
        await close_orm()
        await init_orm(config)
        org = None
        if org_named:
            org = await Party.create(kind="organisation", display_name="Hotel Srl")
            await Site.create(code="H1", name="Hotel", organisation=org)
        await Site.create(code="OFF", name="Office")
        await _old_ledger(m.Account._meta.db)
        await close_orm()

        await migrate(config)
        await init_orm(config)
        owners = set()
        for model in (m.Account, m.Journal, m.FiscalYear):
            owners |= set(await model.all().values_list("organisation_id", flat=True))
        assert len(owners) == 1
        owner = await Party.get(id=owners.pop())
        assert owner.kind == "organisation"
        if org is not None:
            assert owner.id == org.id
        else:
            assert owner.display_name == "Own organisation"
        assert await m.EntryLine.filter(entry__journal__code="MISC").count() == 2
        # codes are unique per organisation now: another organisation may reuse them
        other = await Party.create(kind="organisation", display_name="Other Spa")
        await m.Account.create(organisation=other, code="1000", name="Cash", type="asset")
        with pytest.raises(IntegrityError):  # but not twice in one organisation
            await m.Account.create(organisation=other, code="1000", name="Cash 2", type="asset")
        await close_orm()
    finally:
        await close_orm()
        await drop_database(url)


async def test_existing_ledger_goes_to_the_organisation_the_sites_name(
    backend: str, tmp_path: Path
) -> None:
    await _upgrade(backend, tmp_path, org_named=True)


async def test_existing_ledger_without_a_named_organisation_gets_its_own(
    backend: str, tmp_path: Path
) -> None:
    await _upgrade(backend, tmp_path, org_named=False)
