"""The ``[modules.crm]`` settings table."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CrmSettings(BaseModel):
    #: Tell the requester when their case goes to a department (they are always told when it is
    #: taken and when it is resolved).
    notify_on_transfer: bool = True
    #: The site code inbound email is filed under (empty: the first site).
    inbound_site: str = ""
    #: Inbound email becomes a case (not only an interaction) when no case is threaded to it.
    inbound_creates_case: bool = True
    #: Days after a stay ends (lodging's checkout) that the follow-up is due; 0: no follow-up.
    follow_up_after_stay_days: int = Field(default=3, ge=0, le=365)
    #: Days after an invoice is issued (sales) that the follow-up is due; 0: no follow-up.
    follow_up_after_sale_days: int = Field(default=7, ge=0, le=365)
    #: The consent purpose a party must have granted (its latest word) before the follow-ups
    #: made by other offices' events contact them: asking a customer how it went is a
    #: promotional contact under most EU regulators' reading. Empty: no check.
    follow_up_consent: str = Field(default="marketing", max_length=64)
    #: Hours after a case is resolved that the requester is asked how satisfied they are
    #: (withdrawn if the case is reopened first); null: never asked.
    satisfaction_after_hours: int | None = Field(default=24, ge=0, le=24 * 30)
    #: Case categories the desk picks from (free text is accepted too).
    categories: list[str] = Field(
        default_factory=lambda: ["billing", "taxes", "registry", "service quality", "other"]
    )
