"""The ``[modules.visitors]`` settings table."""

from __future__ import annotations

from pydantic import BaseModel, Field


class VisitorsSettings(BaseModel):
    #: Days a visit stays in the visitor log after it ended (then the purge deletes it).
    retention_days: int = Field(default=90, ge=1)
