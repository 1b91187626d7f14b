"""SQLite only: a view a new party goes in through together with its site links, in one
``INSERT``: its ``INSTEAD OF INSERT`` trigger inserts the party, then a link to each site of
the JSON array ``site_ids`` (PostgreSQL does the same with data-modifying ``WITH``). The new
party's id is the table's highest: the transaction holds SQLite's write lock meanwhile.

The party's columns are frozen here as they are at this migration; the parties' service uses
the view only while the model has exactly these columns.
"""

from __future__ import annotations

from tortoise import migrations

from sportello.migrations import SqliteOnlySQL

VIEW = "parties_party_linked"
TRIGGER = "parties_party_linked_insert"
COLUMNS = (
    "kind",
    "display_name",
    "given_name",
    "family_name",
    "legal_name",
    "email",
    "phone",
    "addresses",
    "tax_code",
    "preferred_language",
    "consents",
    "anonymised_at",
    "merged_at",
    "created_at",
    "updated_at",
    "merged_into_id",
)

_VIEW_SQL = 'CREATE VIEW IF NOT EXISTS "{}" AS SELECT {}, NULL AS "site_ids" WHERE 0'.format(
    VIEW, ", ".join(f'NULL AS "{c}"' for c in COLUMNS)
)
_TRIGGER_SQL = f"""CREATE TRIGGER IF NOT EXISTS "{TRIGGER}" INSTEAD OF INSERT ON "{VIEW}"
BEGIN
    INSERT INTO "parties_party" ({", ".join(f'"{c}"' for c in COLUMNS)})
    VALUES ({", ".join(f'NEW."{c}"' for c in COLUMNS)});
    INSERT INTO "parties_party_site" ("party_id", "site_id", "created_at")
    SELECT (SELECT max("id") FROM "parties_party"), "value", NEW."created_at"
    FROM json_each(NEW."site_ids");
END"""


class Migration(migrations.Migration):
    dependencies = [("parties", "0004_party_merged_into")]

    initial = False

    operations = [
        SqliteOnlySQL(
            [_VIEW_SQL, _TRIGGER_SQL],
            [f'DROP TRIGGER IF EXISTS "{TRIGGER}"', f'DROP VIEW IF EXISTS "{VIEW}"'],
        )
    ]
