"""Who works here: questions any office asks of whichever office keeps the staff and its
roster (hr), without importing it, through two hooks (``sportello_staff_member``,
``sportello_staff_on_duty``).

Each answer is True, False or None ("I keep no staff / no roster there"). With no office
answering True or False, the question has no answer (None) and the asking office keeps its
own behaviour: a profile without hr works as before.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import pluggy

from sportello.hookcall import call_each

_pm: pluggy.PluginManager | None = None


def bind(pm: pluggy.PluginManager | None) -> None:
    """Called at startup with the running system's plugin manager."""
    global _pm
    _pm = pm


async def _ask(hook: str, **kwargs: Any) -> bool | None:
    if _pm is None:
        return None
    answers: list[bool] = []
    for _, value in call_each(_pm, hook, **kwargs):
        if inspect.isawaitable(value):
            value = await value
        if value is not None:
            answers.append(bool(value))
    if not answers:
        return None
    return any(answers)


async def staff_member(party_id: int, site_id: int | None = None) -> bool | None:
    """True when the person works for the organisation (at the site), False when the office
    keeping the staff says not, None when no office keeps staff."""
    return await _ask("sportello_staff_member", party_id=party_id, site_id=site_id)


async def staff_on_duty(user_id: int, site_id: int, at: dt.datetime | None = None) -> bool | None:
    """True when the login's person is on duty at the site (now, or ``at``), False when the
    roster says not, None when no office keeps a roster of the site."""
    moment = at or dt.datetime.now(dt.UTC)
    return await _ask("sportello_staff_on_duty", user_id=user_id, site_id=site_id, at=moment)
