"""The ``[modules.counter]`` settings table."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CounterSettings(BaseModel):
    #: Minutes after its slot start an appointment still checks in ahead of walk-ins; a later
    #: arrival is served as a walk-in (its ticket ranks as a NORMAL ticket issued at check-in).
    late_grace_minutes: int = Field(default=15, ge=0)
    #: Hours before its slot an appointment's reminder goes out (by email and text message, to
    #: the person's primary address); 0 sends none.
    reminder_hours: int = Field(default=24, ge=0, le=24 * 14)
