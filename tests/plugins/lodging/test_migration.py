"""Migration 0003: every existing reservation gets one stay segment, the constraint moves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lodging_helpers import MODULES, TODAY, old_reservation


async def test_0003_backfills_one_segment_per_reservation(backend: str, tmp_path: Path) -> None:
    from tortoise.exceptions import IntegrityError
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
        # Back to the schema before segments existed, with reservations made then.
        await tortoise_migrate(
            config=config, app_labels=list(config["apps"]), target="lodging.0002_no_double_booking"
        )
        await close_orm()
        await init_orm(config)
        site = await Site.create(code="OLD", name="Old Hotel")
        guest = await Party.create(display_name="Giulia Rossi")
        rt = await m.RoomType.create(site=site, code="DBL", name="Double", capacity=2)
        room = await m.Room.create(site=site, room_type=rt, number="101")
        stays = {}
        for status, start in (("checked_out", -5), ("checked_in", -1), ("cancelled", 1)):
            stays[status] = await old_reservation(
                site,
                room,
                rt,
                guest,
                TODAY + dt.timedelta(days=start),
                TODAY + dt.timedelta(days=start + 2),
                status,
            )
        await close_orm()

        await migrate(config)
        await init_orm(config)
        rows = (
            await m.RoomStay.all()
            .order_by("start")
            .values_list("reservation_id", "room_id", "start", "end", "holding")
        )
        assert [tuple(r) for r in rows] == [
            (r.id, room.id, r.arrival, r.departure, r.status != "cancelled") for r in stays.values()
        ]
        if backend == "postgres":
            # The reservation table no longer carries the constraint, the segments do.
            with pytest.raises(IntegrityError, match="lodging_room_stay_no_overlap"):
                await m.RoomStay.create(
                    reservation_id=stays["cancelled"].id,
                    room=room,
                    start=TODAY,
                    end=TODAY + dt.timedelta(days=1),
                )
        await close_orm()
    finally:
        await close_orm()
        await drop_database(url)
