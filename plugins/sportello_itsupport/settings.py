"""The ``[modules.itsupport]`` settings table."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

LEVELS = ("high", "medium", "low")
PRIORITIES = ("critical", "high", "medium", "low")
ASSIGNMENTS = ("manual", "round_robin", "least_loaded")

#: impact -> urgency -> priority (ITIL's usual 3 x 3 grid)
DEFAULT_MATRIX: dict[str, dict[str, str]] = {
    "high": {"high": "critical", "medium": "high", "low": "medium"},
    "medium": {"high": "high", "medium": "medium", "low": "low"},
    "low": {"high": "medium", "medium": "low", "low": "low"},
}


class ItSupportSettings(BaseModel):
    #: Impact (rows) by urgency (columns) to priority; every cell must be given.
    priority_matrix: dict[str, dict[str, str]] = Field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_MATRIX.items()}
    )
    #: How a team without its own setting hands out tickets: manual, round_robin, least_loaded
    assignment: str = "round_robin"
    #: The office's own targets (business minutes) when no SLA policy matches a ticket
    response_minutes: int | None = Field(default=240, ge=1)
    resolution_minutes: int | None = Field(default=2400, ge=1)
    #: What "due soon" means in the views (minutes before a target is due)
    due_soon_minutes: int = Field(default=60, ge=1)
    #: Printed before a ticket's number: IT-000042
    reference_prefix: str = Field(default="IT", pattern=r"^[A-Z]{1,8}$")
    #: The help desk's email addresses: inbound email sent to one of them opens a ticket
    #: (replies to the office's mail and subjects naming a ticket are claimed whatever the To)
    mailboxes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> ItSupportSettings:
        for impact in LEVELS:
            row = self.priority_matrix.get(impact)
            if row is None or set(row) != set(LEVELS):
                raise ValueError(f"priority_matrix.{impact} must give high, medium and low")
            for urgency, priority in row.items():
                if priority not in PRIORITIES:
                    raise ValueError(f"priority_matrix.{impact}.{urgency}: unknown {priority!r}")
        self.mailboxes = [a.strip().lower() for a in self.mailboxes if a.strip()]
        if self.assignment not in ASSIGNMENTS:
            raise ValueError(f"assignment must be one of {', '.join(ASSIGNMENTS)}")
        return self
