"""Finding reservations: the channel's booking id and a normalised search key (the guest's name
and that id, accents dropped, case folded) on each reservation, filled for existing ones; on
PostgreSQL a trigram index serves the partial matches (LIKE '%word%'). New columns only: SQLite
adds them without rebuilding the reservation table."""

import unicodedata
from typing import Any

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

INDEX = "lodging_reservation_search_trgm"


def _normalise(text: str | None) -> str:
    # A copy of services.search.normalise as it was: a migration must not change with the code.
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _postgres(editor: Any) -> bool:
    return bool(editor.client.capabilities.dialect == "postgres")


async def forward(apps: Any, editor: Any) -> None:
    client = editor.client
    mark = "$1" if _postgres(editor) else "?"
    mark2 = "$2" if _postgres(editor) else "?"
    _, rows = await client.execute_query(
        "SELECT r.id, p.display_name, p.anonymised_at FROM lodging_reservation r "
        "JOIN parties_party p ON p.id = r.guest_id"
    )
    for row in rows:
        name = None if row["anonymised_at"] is not None else row["display_name"]
        key = _normalise(name)[:300]
        if key:
            await client.execute_query(
                f"UPDATE lodging_reservation SET search_key = {mark} WHERE id = {mark2}",
                [key, row["id"]],
            )
    if _postgres(editor):
        await client.execute_script("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        await client.execute_script(
            f"CREATE INDEX {INDEX} ON lodging_reservation USING gin (search_key gin_trgm_ops)"
        )


async def backward(apps: Any, editor: Any) -> None:
    if _postgres(editor):
        await editor.client.execute_script(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("lodging", "0009_night_audit")]

    initial = False

    operations = [
        # Migrating back, SQLite rebuilds the reservation table to drop these columns, without
        # the arrival-order index of 0004: it is dropped first and made again after.
        ops.RemoveIndex(model_name="Reservation", fields=["arrival", "id"]),
        ops.AddField(
            model_name="Reservation",
            name="channel_booking_id",
            field=fields.CharField(
                max_length=64,
                null=True,
                description="The booking's id at the channel that sold it (an OTA's reservation number), if any",
            ),
        ),
        ops.AddField(
            model_name="Reservation",
            name="search_key",
            field=fields.CharField(
                max_length=300,
                default="",
                db_default="",
                description="What reservationSearch matches: the guest's name and the channel booking id, accents",
            ),
        ),
        ops.AddIndex(model_name="Reservation", index=Index(fields=["arrival", "id"])),
        ops.RunPython(forward, backward),
    ]
