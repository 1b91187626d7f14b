"""Housekeeping's say at the desk: a guest goes into a clean room, or the desk is told."""

from __future__ import annotations

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import config

#: Where check-in leaves its warnings on the reservation it returns (the payload shows them).
WARNINGS = "check_in_warnings"


def check_room_ready(res: m.Reservation, room: m.Room) -> None:
    """A dirty room: ROOM_DIRTY, or (``dirty_room_check_in = "warn"``) a warning on ``res``."""
    if room.cleanliness != m.DIRTY:
        return
    if config.settings().dirty_room_check_in == "refuse":
        raise api.ServiceError("ROOM_DIRTY", "lodging.room_dirty", "id")
    setattr(res, WARNINGS, [api.Problem("ROOM_DIRTY", "lodging.room_dirty_warning", "id")])


def warnings_of(res: m.Reservation) -> list[api.Problem]:
    return list(getattr(res, WARNINGS, ()))
