"""What the SLA services share: the clock of now (tests move it), names, the event payloads."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

CLOCK_WARNING = "sla.clock.warning"
CLOCK_BREACHED = "sla.clock.breached"
VIEW = "sla.view"
MANAGE = "sla.manage"


def now() -> dt.datetime:
    """Current time (UTC); tests may monkeypatch it."""
    return dt.datetime.now(dt.UTC)


class ClockEvent(BaseModel):
    """Payload of ``sla.clock.warning`` and ``sla.clock.breached``."""

    clock_id: int = Field(description="The clock's id")
    office: str = Field(description="The office that owns the item (counter, crm, ...)")
    item_type: str = Field(description="The kind of item within the office (ticket, case, ...)")
    item_id: int = Field(description="The item's id in its office")
    metric: str = Field(description="response or resolution: the target concerned")
    due_at: dt.datetime = Field(
        description="When the target is (or was) due, ISO 8601",
        json_schema_extra={"format": "date-time"},
    )
    policy_id: int | None = Field(description="The policy in force (null: the office's target)")
    department_id: int | None = Field(description="The department the item is routed to")
