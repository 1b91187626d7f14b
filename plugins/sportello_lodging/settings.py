"""The ``[modules.lodging]`` settings table."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class LodgingSettings(BaseModel):
    city_tax_per_person_night: Decimal = Field(default=Decimal("2.00"), ge=0)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    #: Hour (UTC) from which guests are expected on their arrival day.
    check_in_hour: int = Field(default=14, ge=0, le=23)
    #: Refuse check-in until every guest in the room is in the guest registry.
    require_guest_registry: bool = False
    #: Days the guest registry copy of a finished stay is kept before erasure may remove it.
    guest_registry_retention_days: int = Field(default=3 * 365, ge=0)
