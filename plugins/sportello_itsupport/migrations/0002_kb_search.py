"""Knowledge-base search with the database's own engine.

PostgreSQL: a generated tsvector of each text, built with the configuration of its language
(english, italian, spanish, greek), under a GIN index. SQLite: an FTS5 table over the texts
(external content), kept in step by triggers.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

CONFIG = (
    "CASE language WHEN 'it' THEN 'italian'::regconfig WHEN 'es' THEN 'spanish'::regconfig "
    "WHEN 'el' THEN 'greek'::regconfig ELSE 'english'::regconfig END"
)
POSTGRES = [
    "ALTER TABLE itsupport_kb_translation ADD COLUMN search tsvector GENERATED ALWAYS AS "
    f"(setweight(to_tsvector({CONFIG}, title), 'A') || to_tsvector({CONFIG}, body)) STORED",
    "CREATE INDEX itsupport_kb_translation_search ON itsupport_kb_translation USING gin (search)",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS itsupport_kb_translation_search",
    "ALTER TABLE itsupport_kb_translation DROP COLUMN IF EXISTS search",
]
SQLITE = [
    "CREATE VIRTUAL TABLE itsupport_kb_fts USING fts5(title, body, "
    "content='itsupport_kb_translation', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER itsupport_kb_fts_insert AFTER INSERT ON itsupport_kb_translation BEGIN "
    "INSERT INTO itsupport_kb_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER itsupport_kb_fts_delete AFTER DELETE ON itsupport_kb_translation BEGIN "
    "INSERT INTO itsupport_kb_fts(itsupport_kb_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER itsupport_kb_fts_update AFTER UPDATE ON itsupport_kb_translation BEGIN "
    "INSERT INTO itsupport_kb_fts(itsupport_kb_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO itsupport_kb_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO itsupport_kb_fts(itsupport_kb_fts) VALUES ('rebuild')",
]
SQLITE_BACK = [
    "DROP TRIGGER IF EXISTS itsupport_kb_fts_insert",
    "DROP TRIGGER IF EXISTS itsupport_kb_fts_delete",
    "DROP TRIGGER IF EXISTS itsupport_kb_fts_update",
    "DROP TABLE IF EXISTS itsupport_kb_fts",
]


def _postgres(editor: Any) -> bool:
    return bool(editor.client.capabilities.dialect == "postgres")


async def forward(apps: Any, editor: Any) -> None:
    for sql in POSTGRES if _postgres(editor) else SQLITE:
        await editor.client.execute_script(sql)


async def backward(apps: Any, editor: Any) -> None:
    for sql in POSTGRES_BACK if _postgres(editor) else SQLITE_BACK:
        await editor.client.execute_script(sql)


class Migration(migrations.Migration):
    dependencies = [("itsupport", "0001_initial")]

    operations = [ops.RunPython(forward, backward)]
