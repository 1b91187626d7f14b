"""One ledger per organisation: accounts, journals, fiscal years, account mappings and supplier
bills name the organisation (a party) they belong to, and their codes, names and numbers are
unique per organisation. Rows already there go to the installation's organisation: the one its
sites name (the one most sites name, if they name several); when no site names one and the
ledger already holds rows, an organisation party is registered for them ("Own organisation",
to be renamed), so no row is left without one. Entries follow their journal, lines their
entry, periods their fiscal year, statements their account: they need no column.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

TABLES = (
    "accounting_account",
    "accounting_journal",
    "accounting_fiscal_year",
    "accounting_account_mapping",
    "accounting_supplier_bill",
)
OWN = "Own organisation"


async def _one(client: Any, text: str) -> Any:
    _, found = await client.execute_query(text)
    return found[0][0] if found else None


async def backfill(apps: Any, editor: Any) -> None:
    client = editor.client
    holds_rows = False
    for table in TABLES:
        if await _one(client, f"SELECT COUNT(*) FROM {table}"):
            holds_rows = True
    if not holds_rows:
        return
    org = await _one(
        client,
        "SELECT organisation_id FROM parties_site WHERE organisation_id IS NOT NULL"
        " GROUP BY organisation_id ORDER BY COUNT(*) DESC, organisation_id LIMIT 1",
    )
    if org is None:
        await client.execute_script(
            "INSERT INTO parties_party (kind, display_name, given_name, family_name, legal_name,"
            " addresses, preferred_language, consents, created_at, updated_at) VALUES"
            f" ('organisation', '{OWN}', '', '', '{OWN}', '[]', 'en', '{{}}',"
            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )
        org = await _one(
            client, f"SELECT MAX(id) FROM parties_party WHERE display_name = '{OWN}'"
        )
    for table in TABLES:
        await client.execute_script(
            f"UPDATE {table} SET organisation_id = {int(org)} WHERE organisation_id IS NULL"
        )



class RemoveInlineUnique(ops.RemoveConstraint):
    """A UNIQUE written inside SQLite's CREATE TABLE has no index to drop: the table is
    rebuilt without it (PostgreSQL drops the constraint as usual)."""

    async def database_forward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if state_editor is not None and state_editor.client.capabilities.dialect == "sqlite":
            model = new_state.apps.get_model(f"{app_label}.{self.model_name}")
            await state_editor._remake_table(model)
            return
        await super().database_forward(app_label, old_state, new_state, state_editor)


async def _foreign_keys(editor: Any, on: bool) -> None:
    """SQLite rebuilds the tables whose UNIQUE changes (accounts, journals ...) while lines and
    entries point at them: its foreign keys are off meanwhile (outside a transaction, where the
    pragma takes effect), then checked once back on."""
    if editor.client.capabilities.dialect != "sqlite":
        return
    await editor.client.execute_script(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    if on:
        _, broken = await editor.client.execute_query("PRAGMA foreign_key_check")
        if broken:
            raise RuntimeError(f"foreign keys broken by the upgrade: {broken[:5]}")


async def keys_off(apps: Any, editor: Any) -> None:
    await _foreign_keys(editor, False)


async def keys_on(apps: Any, editor: Any) -> None:
    await _foreign_keys(editor, True)


async def sqlite_indexes(apps: Any, editor: Any) -> None:
    """SQLite's table rebuilds drop the plain indexes of the rebuilt tables: put them back."""
    if editor.client.capabilities.dialect != "sqlite":
        return
    for table, column in (("accounting_account", "role"), ("accounting_supplier_bill", "due_date")):
        await editor.client.execute_script(
            f'CREATE INDEX IF NOT EXISTS "idx_{table}_{column}" ON "{table}" ("{column}")'
        )


class Migration(migrations.Migration):
    dependencies = [('accounting', '0007_party_merge_moves_lines'), ('parties', '0004_party_merged_into')]

    initial = False
    #: each operation commits on its own: SQLite's foreign keys can only be switched between
    atomic = False

    operations = [
        ops.RunPython(keys_off, keys_on),
        ops.AlterField(
            model_name='Account',
            name='code',
            field=fields.CharField(max_length=20),
        ),
        ops.AddField(
            model_name='Account',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', null=True, source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterModelOptions(
            name='AccountMapping',
            options={'table': 'accounting_account_mapping', 'app': 'accounting', 'unique_together': (('organisation', 'key'),), 'pk_attr': 'id', 'table_description': 'Where postings from the other offices go, by key (``charge:MINIBAR``, ``method:card``,'},
        ),
        ops.AlterField(
            model_name='AccountMapping',
            name='key',
            field=fields.CharField(max_length=80),
        ),
        ops.AlterField(
            model_name='AccountMapping',
            name='tax_rate',
            field=fields.DecimalField(null=True, description="on a ``charge:`` key: the VAT rate (percent) included in that charge's prices, used when", max_digits=6, decimal_places=2),
        ),
        ops.AddField(
            model_name='AccountMapping',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', null=True, source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='FiscalYear',
            name='name',
            field=fields.CharField(max_length=20),
        ),
        ops.AlterField(
            model_name='FiscalYear',
            name='start',
            field=fields.DateField(),
        ),
        ops.AddField(
            model_name='FiscalYear',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', null=True, source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='Journal',
            name='code',
            field=fields.CharField(max_length=10),
        ),
        ops.AddField(
            model_name='Journal',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', null=True, source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='Period',
            name='start',
            field=fields.DateField(),
        ),
        RemoveInlineUnique(
            model_name='SupplierBill',
            name=None,
            fields=['supplier', 'number'],
        ),
        ops.AddField(
            model_name='SupplierBill',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', null=True, source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.RunPython(backfill, ops.RunPython.noop),
        ops.AlterField(
            model_name='Account',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='AccountMapping',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='FiscalYear',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='Journal',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='SupplierBill',
            name='organisation',
            field=fields.ForeignKeyField('parties.Party', source_field='organisation_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AddConstraint(
            model_name='Account',
            constraint=UniqueConstraint(fields=('organisation', 'code'), name=None),
        ),
        ops.AddConstraint(
            model_name='AccountMapping',
            constraint=UniqueConstraint(fields=('organisation', 'key'), name=None),
        ),
        ops.AddConstraint(
            model_name='FiscalYear',
            constraint=UniqueConstraint(fields=('organisation', 'name'), name=None),
        ),
        ops.AddConstraint(
            model_name='FiscalYear',
            constraint=UniqueConstraint(fields=('organisation', 'start'), name=None),
        ),
        ops.AddConstraint(
            model_name='Journal',
            constraint=UniqueConstraint(fields=('organisation', 'code'), name=None),
        ),
        ops.AddConstraint(
            model_name='Period',
            constraint=UniqueConstraint(fields=('fiscal_year', 'start'), name=None),
        ),
        ops.AddConstraint(
            model_name='SupplierBill',
            constraint=UniqueConstraint(fields=('organisation', 'supplier', 'number'), name=None),
        ),
        ops.RunPython(sqlite_indexes, ops.RunPython.noop),
        ops.RunPython(keys_on, keys_off),
    ]
