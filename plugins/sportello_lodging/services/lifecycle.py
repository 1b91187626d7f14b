"""The reservation lifecycle in one place: which statuses hold a room, which may change, which
are over, and the allowed transitions (models.py keeps only the status values)."""

from __future__ import annotations

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.labels import StatusWord

TRANSITIONS: dict[str, frozenset[str]] = {
    m.DRAFT: frozenset({m.CONFIRMED, m.CANCELLED}),
    m.CONFIRMED: frozenset({m.CHECKED_IN, m.CANCELLED, m.NO_SHOW}),
    m.CHECKED_IN: frozenset({m.CHECKED_OUT}),
}
#: Statuses whose nights hold the room (drafts are quotes, they hold nothing).
HOLDING = (m.CONFIRMED, m.CHECKED_IN, m.CHECKED_OUT)
#: Statuses a reservation may be created in.
INITIAL = (m.DRAFT, m.CONFIRMED)
#: Statuses whose dates and room may still change.
CHANGEABLE = (m.DRAFT, m.CONFIRMED, m.CHECKED_IN)
#: Statuses of stays that are over.
FINISHED = (m.CHECKED_OUT, m.CANCELLED, m.NO_SHOW)


def check_transition(res: m.Reservation, target: str) -> None:
    if target not in TRANSITIONS.get(res.status, frozenset()):
        raise api.ServiceError(
            "INVALID_TRANSITION",
            "lodging.invalid_transition",
            "id",
            current=StatusWord(res.status),
            target=StatusWord(target),
        )
