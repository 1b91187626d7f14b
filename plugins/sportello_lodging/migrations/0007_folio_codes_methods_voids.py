"""Folio lines get a charge code (ROOM_NIGHT, CITY_TAX, EXTRA and the extras' own), a payment
method, a reason and the line a void or refund reverses, and can be marked voided. Existing
lines get the codes of their kind and, for payments, the method their description named.

The new text columns carry a database default (empty): SQLite adds a NOT NULL column to a
table that has rows only with one."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

METHODS = ("cash", "card", "bank_transfer", "cheque", "direct_debit", "other")
BACKFILL = [
    "UPDATE lodging_folio_line SET charge_code = 'ROOM_NIGHT' WHERE kind = 'room'",
    "UPDATE lodging_folio_line SET charge_code = 'CITY_TAX' WHERE kind = 'city_tax'",
    "UPDATE lodging_folio_line SET charge_code = 'EXTRA' WHERE kind = 'extra'",
    *(
        f"UPDATE lodging_folio_line SET method = '{code}' "
        f"WHERE kind IN ('payment', 'deposit') AND description LIKE '%({code})'"
        for code in METHODS
    ),
    "UPDATE lodging_folio_line SET method = 'other' "
    "WHERE kind IN ('payment', 'deposit') AND method = ''",
]


class Migration(migrations.Migration):
    dependencies = [('lodging', '0006_folio_line_order_index'), ('parties', '0001_initial'), ('parties', '0002_contact_points_addresses_consents'), ('parties', '0003_party_sites')]

    initial = False

    # SQLite rebuilds the table to drop the new columns when migrating back, without the
    # folio-order index of 0006: the index is dropped before the columns and made again after
    # them, so both directions leave it in place.
    operations = [
        ops.RemoveIndex(model_name='FolioLine', fields=['reservation_id', 'id']),
        ops.AlterModelOptions(
            name='FolioLine',
            options={'table': 'lodging_folio_line', 'app': 'lodging', 'indexes': [Index(fields=['reservation_id', 'id'])], 'pk_attr': 'id', 'table_description': "A charge or a payment on a reservation's folio."},
        ),
        ops.AlterField(
            model_name='FolioLine',
            name='kind',
            field=fields.CharField(description='room, city_tax, extra, fee, payment or deposit', max_length=16),
        ),
        ops.AddField(
            model_name='FolioLine',
            name='charge_code',
            field=fields.CharField(default='', db_default='', description='What a charge is for (ROOM_NIGHT, CITY_TAX, MINIBAR ...), empty on payments', max_length=32),
        ),
        ops.AddField(
            model_name='FolioLine',
            name='method',
            field=fields.CharField(default='', db_default='', description='How a payment, deposit or refund was made (cash, card, bank_transfer ...), empty on charges', max_length=32),
        ),
        ops.AddField(
            model_name='FolioLine',
            name='reason',
            field=fields.CharField(default='', db_default='', description='Why a line was voided or a payment refunded (on the reversing line)', max_length=300),
        ),
        ops.AddField(
            model_name='FolioLine',
            name='reverses_id',
            field=fields.IntField(null=True, description='The line a void or a refund reverses'),
        ),
        ops.AddField(
            model_name='FolioLine',
            name='voided_at',
            field=fields.DatetimeField(null=True, description='When the line was voided (a reversing line carries the amounts)', auto_now=False, auto_now_add=False),
        ),
        ops.AddIndex(model_name='FolioLine', index=Index(fields=['reservation_id', 'id'])),
        ops.RunSQL(BACKFILL, reverse_sql=[]),
    ]
