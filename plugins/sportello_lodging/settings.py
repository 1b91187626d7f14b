"""The ``[modules.lodging]`` settings table."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import pycountry
from pydantic import BaseModel, Field, field_validator

#: The payment methods every installation knows (the codes sales uses too).
PAYMENT_METHODS = ("cash", "card", "bank_transfer", "cheque", "direct_debit", "other")


class LodgingSettings(BaseModel):
    #: City tax per person per night (0 turns it off).
    city_tax_per_person_night: Decimal = Field(default=Decimal("2.00"), ge=0)
    #: Guests younger than this (in years, on the night) pay no city tax. The default 0 exempts
    #: no one: children pay like adults. Ages come from the guest registry; before the registry
    #: covers the whole room, the reservation's children count as exempt.
    city_tax_exempt_under_age: int = Field(default=0, ge=0, le=30)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    #: Local hour at the site (its time zone) from which guests are expected on their arrival day.
    check_in_hour: int = Field(default=14, ge=0, le=23)
    #: Refuse check-in until every guest in the room (adults and children) is in the guest
    #: registry, as the law requires in Italy, Spain and Greece. Turn off only where no such law
    #: applies: guests can then be registered after check-in.
    require_guest_registry: bool = True
    #: The police file the guest registry must be able to fill. ``alloggiati`` (Italy's
    #: Alloggiati Web): registering or checking in a guest is refused until the entry holds sex,
    #: country of birth, the comune and province of a birth in Italy, the issuing comune of an
    #: Italian document and countries the Polizia di Stato has a code for. ``none`` keeps those
    #: fields optional (the export then lists what is missing).
    police_registry: Literal["none", "alloggiati"] = "none"
    #: Days the guest registry entries of a finished stay are kept (erasure and the
    #: ``lodging-registry-purge`` command anonymise them afterwards).
    guest_registry_retention_days: int = Field(default=3 * 365, ge=0)
    #: The longest stay, in nights: a booking, new dates or an extension in house making a stay
    #: longer is refused (``STAY_TOO_LONG`` on ``departure``). A long-stay hotel raises it.
    max_stay_nights: int = Field(default=365, ge=1, le=3660)
    #: How far ahead an arrival may be, in days from today at the hotel: a booking or new dates
    #: arriving later are refused (``BEYOND_HORIZON`` on ``arrival``).
    booking_horizon_days: int = Field(default=730, ge=0, le=3660)
    #: More payment method codes the desk may use besides cash, card, bank_transfer, cheque,
    #: direct_debit and other (e.g. ``["voucher", "satispay"]``): lower case letters, digits, _.
    payment_methods: list[str] = Field(default_factory=list, max_length=50)
    #: How much a payment may exceed what is due before the desk must confirm it
    #: (``confirmOverpayment``): a payment beyond the stay's balance is most often a typo.
    overpayment_tolerance: Decimal = Field(default=Decimal("0.00"), ge=0)
    #: Alloggiati Web country codes to add to or correct in the built-in table (the Polizia
    #: di Stato's "Tabella Stati", ``alloggiati_states.toml``), ISO 3166 alpha-2 code to the
    #: 9-digit code (e.g. ``{"MY" = "100000767"}``).
    alloggiati_state_codes: dict[str, str] = Field(default_factory=dict, max_length=300)

    @field_validator("alloggiati_state_codes")
    @classmethod
    def _state_codes(cls, codes: dict[str, str]) -> dict[str, str]:
        for country, code in codes.items():
            if not (
                len(country) == 2 and country.isupper() and pycountry.countries.get(alpha_2=country)
            ):
                raise ValueError(f"alloggiati_state_codes: {country!r} is no ISO 3166 code")
            if not (len(code) == 9 and code.isdigit()):
                raise ValueError(f"alloggiati_state_codes: {code!r} is no 9-digit code")
        return codes

    #: The night audit of a business day runs at this local hour of the next day at each site
    #: (``lodging-night-audit``, run every few minutes by the system scheduler, closes the days
    #: whose hour has come); ``night_audit_hours`` sets another hour for a site, by site code.
    night_audit_hour: int = Field(default=2, ge=0, le=23)
    night_audit_hours: dict[str, int] = Field(default_factory=dict, max_length=500)
    #: The audit marks the day's confirmed arrivals that did not come as no-shows (the rate
    #: plan's no-show fee is charged); money they paid beyond it is kept or refunded.
    night_audit_no_shows: bool = True
    night_audit_no_show_deposit: Literal["keep", "refund"] = "keep"
    #: Checking a guest into a room housekeeping marked dirty: refused (ROOM_DIRTY) or allowed
    #: with a warning on the payload.
    dirty_room_check_in: Literal["refuse", "warn"] = "refuse"

    @field_validator("night_audit_hours")
    @classmethod
    def _audit_hours(cls, hours: dict[str, int]) -> dict[str, int]:
        for code, hour in hours.items():
            if not 0 <= hour <= 23:
                raise ValueError(f"night_audit_hours[{code!r}]: an hour from 0 to 23")
        return hours

    @field_validator("payment_methods")
    @classmethod
    def _method_codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if (
                not code
                or len(code) > 32
                or not all(c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in code)
            ):
                raise ValueError(f"payment method {code!r}: lower case letters, digits and _")
        return codes

    def all_payment_methods(self) -> tuple[str, ...]:
        """The fixed methods, then the configured ones (without repeats)."""
        return tuple(dict.fromkeys((*PAYMENT_METHODS, *self.payment_methods)))
