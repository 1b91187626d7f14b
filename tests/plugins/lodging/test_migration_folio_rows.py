"""Upgrading a hotel that already has folio lines: the columns later migrations add to
``lodging_folio_line`` (charge codes, methods, the business day) must go onto rows that exist,
on SQLite too, where a column is added by ALTER TABLE and needs a default for old rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lodging_helpers import MODULES, TODAY, old_reservation


async def test_folio_lines_written_before_0007_survive_every_later_migration(
    backend: str, tmp_path: Path
) -> None:
    from tortoise.migrations.api import migrate as tortoise_migrate

    from sportello.db import close_orm, init_orm, migrate
    from sportello.parties.models import Party, Site
    from sportello.runtime import Runtime
    from sportello.settings import Settings
    from sportello.testing import drop_database, prepare_database
    from sportello_lodging import models as m

    url = await prepare_database(backend, MODULES, (), tmp_path)
    try:
        config = Runtime(Settings(database_url=url, modules={n: {} for n in MODULES})).db_config
        await tortoise_migrate(
            config=config,
            app_labels=list(config["apps"]),
            target="lodging.0006_folio_line_order_index",
        )
        await close_orm()
        await init_orm(config)
        site = await Site.create(code="OLD", name="Old Hotel")
        guest = await Party.create(display_name="Giulia Rossi")
        rt = await m.RoomType.create(site=site, code="DBL", name="Double", capacity=2)
        room = await m.Room.create(site=site, room_type=rt, number="101")
        stay = await old_reservation(
            site,
            room,
            rt,
            guest,
            TODAY - dt.timedelta(days=3),
            TODAY - dt.timedelta(days=1),
            "checked_out",
        )
        client = m.FolioLine._meta.db
        n = 7
        postgres = client.capabilities.dialect == "postgres"
        mark = ", ".join(f"${i}" if postgres else "?" for i in range(1, n + 1))
        for kind, description, amount in (
            ("room", "Room night", "90.00"),
            ("payment", "Payment (card)", "-90.00"),
        ):
            await client.execute_query(
                "INSERT INTO lodging_folio_line (reservation_id, kind, description, quantity, "
                f"unit_amount, amount, created_at) VALUES ({mark})",
                [stay.id, kind, description, 1, amount, amount, dt.datetime.now(dt.UTC)],
            )
        await close_orm()

        await migrate(config)
        await init_orm(config)
        rows = (
            await m.FolioLine.filter(reservation_id=stay.id)
            .order_by("id")
            .values("kind", "charge_code", "method")
        )
        assert rows == [
            {"kind": "room", "charge_code": "ROOM_NIGHT", "method": ""},
            {"kind": "payment", "charge_code": "", "method": "card"},
        ]
        await close_orm()
    finally:
        await drop_database(url)
