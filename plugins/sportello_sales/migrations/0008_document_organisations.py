"""Sales documents name their site and organisation, and each organisation numbers its own.

Quotes, orders, invoices, credit notes, payments and refunds get a site (where they were
made) and an organisation (the site's, or the one named: the ledger they post into). Series
counters become per series, organisation and fiscal year (``organisation_key``, 0 for
documents of no organisation), and an issued number is unique per counter instead of across
the installation: two organisations each number 2027/FT/000001 onwards. Counters and numbers
already there are of no organisation: they go on as they were, and each issued invoice is
linked to the counter of its series and year.
"""

from typing import Any

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import UniqueConstraint


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
    """SQLite rebuilds the invoice and counter tables while lines, taxes, payments and refunds
    point at them: its foreign keys are off meanwhile (outside a transaction, where the pragma
    takes effect), then checked once back on."""
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
    for table, column in (
        ("sales_invoice", "kind"),
        ("sales_invoice", "status"),
        ("sales_invoice", "number"),
    ):
        await editor.client.execute_script(
            f'CREATE INDEX IF NOT EXISTS "idx_{table}_{column}" ON "{table}" ("{column}")'
        )


async def no_organisation(apps: Any, editor: Any) -> None:
    """The counters already there are of no organisation (key 0)."""
    await editor.client.execute_script(
        "UPDATE sales_series_counter SET organisation_key = 0 WHERE organisation_key IS NULL"
    )


async def link_counters(apps: Any, editor: Any) -> None:
    """Each issued invoice names the counter its number came from (its series and year)."""
    await editor.client.execute_script(
        "UPDATE sales_invoice SET counter_id = (SELECT c.id FROM sales_series_counter c"
        " WHERE c.series_id = sales_invoice.series_id AND c.year = sales_invoice.year"
        " AND c.organisation_key = 0) WHERE sequence IS NOT NULL AND counter_id IS NULL"
    )


def _site(description: str, related: str) -> Any:
    return fields.ForeignKeyField(
        'parties.Site', source_field='site_id', null=True, description=description,
        db_constraint=True, to_field='id', related_name=related, on_delete=OnDelete.RESTRICT,
    )  # fmt: skip


def _organisation(description: str, related: str) -> Any:
    return fields.ForeignKeyField(
        'parties.Party', source_field='organisation_id', null=True, description=description,
        db_constraint=True, to_field='id', related_name=related, on_delete=OnDelete.RESTRICT,
    )  # fmt: skip


MADE_AT = "The site it was made at (null: the whole installation)"
BELONGS = "The organisation it belongs to (the site's, or the one named)"
OF_INVOICE_SITE = "The site of its invoice (null: the whole installation)"
OF_INVOICE_ORG = "The organisation of its invoice (whose ledger it settles in)"


class Migration(migrations.Migration):
    dependencies = [('parties', '0004_party_merged_into'), ('sales', '0007_refund_cash_session')]

    initial = False
    #: each operation commits on its own: SQLite's foreign keys can only be switched between
    atomic = False

    operations = [
        ops.RunPython(keys_off, keys_on),
        RemoveInlineUnique(
            model_name='Invoice',
            name=None,
            fields=['series', 'year', 'sequence'],
        ),
        ops.AlterField(
            model_name='Invoice',
            name='number',
            field=fields.CharField(null=True, db_index=True, description='The printed number, e.g. 2027/FT/000123 (set at issue; unique per organisation)', max_length=32),
        ),
        ops.AddField(
            model_name='Invoice',
            name='counter',
            field=fields.ForeignKeyField('sales.SeriesCounter', source_field='counter_id', null=True, description='The counter its number was taken from: series, organisation and fiscal year (set at issue)', db_constraint=True, to_field='id', related_name='invoices', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='Invoice',
            name='organisation',
            field=_organisation("The organisation that issues it (its ledger and numbering): the site's, or the one named", 'sales_issued_invoices'),
        ),
        ops.AddField(
            model_name='Invoice',
            name='site',
            field=_site('The site the document was made at (null: the whole installation)', 'sales_invoices'),
        ),
        ops.AddField(model_name='Order', name='organisation', field=_organisation(BELONGS, 'sales_organisation_orders')),
        ops.AddField(model_name='Order', name='site', field=_site(MADE_AT, 'sales_orders')),
        ops.AddField(model_name='Payment', name='organisation', field=_organisation(OF_INVOICE_ORG, 'sales_organisation_payments')),
        ops.AddField(model_name='Payment', name='site', field=_site(OF_INVOICE_SITE, 'sales_payments')),
        ops.AddField(model_name='Refund', name='organisation', field=_organisation(OF_INVOICE_ORG, 'sales_organisation_refunds')),
        ops.AddField(model_name='Refund', name='site', field=_site(OF_INVOICE_SITE, 'sales_refunds')),
        RemoveInlineUnique(
            model_name='SeriesCounter',
            name=None,
            fields=['series', 'year'],
        ),
        ops.AlterModelOptions(
            name='SeriesCounter',
            options={'table': 'sales_series_counter', 'app': 'sales', 'unique_together': (('series', 'organisation_key', 'year'),), 'pk_attr': 'id', 'table_description': 'The last number issued in a series for an organisation and a fiscal year (one row per'},
        ),
        ops.AddField(
            model_name='SeriesCounter',
            name='organisation_key',
            field=fields.IntField(null=True, description="The issuing organisation's party id; 0 for documents of no organisation"),
        ),
        ops.RunPython(no_organisation, ops.RunPython.noop),
        ops.AlterField(
            model_name='SeriesCounter',
            name='organisation_key',
            field=fields.IntField(default=0, description="The issuing organisation's party id; 0 for documents of no organisation"),
        ),
        ops.AddConstraint(
            model_name='SeriesCounter',
            constraint=UniqueConstraint(fields=('series', 'organisation_key', 'year'), name=None),
        ),
        ops.RunPython(link_counters, ops.RunPython.noop),
        ops.AddConstraint(
            model_name='Invoice',
            constraint=UniqueConstraint(fields=('counter', 'sequence'), name=None),
        ),
        ops.RunPython(sqlite_indexes, ops.RunPython.noop),
    ]
