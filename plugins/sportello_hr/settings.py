"""The ``[modules.hr]`` settings table."""

from __future__ import annotations

from pydantic import BaseModel, Field


class HrSettings(BaseModel):
    #: Years an ended employment's records (contracts, leave, shifts) are kept after its end
    #: date, as labour and social-security law require (Italy, Spain, Greece: 5 years or more).
    retention_years: int = Field(default=5, ge=1, le=50)
    #: Minimum rest between two shifts of one employee, in hours (EU working time: 11).
    min_rest_hours: int = Field(default=11, ge=0, le=48)
    #: Days ahead a contract's end is reported by default.
    contract_notice_days: int = Field(default=30, ge=1, le=366)
    #: The code of HR's department: its members are told of contracts ending (empty: nobody
    #: but the employee's manager).
    hr_department_code: str = Field(default="HR", max_length=32)
