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
    #: Citizens booking online (services with ``public_booking``): how many days ahead the
    #: booking window reaches, and how soon before its start a slot still takes a booking.
    public_window_days: int = Field(default=30, ge=1, le=366)
    public_min_notice_minutes: int = Field(default=60, ge=0)
    #: Online bookings one email or phone number may hold: on one day, and booked ahead.
    public_max_per_day: int = Field(default=1, ge=1)
    public_max_active: int = Field(default=3, ge=1)
    #: Region a phone number without its country code belongs to (ISO 3166-1 alpha-2).
    phone_region: str = Field(default="IT", min_length=2, max_length=2)
    #: The holder of an appointment's ticket hears "your turn is near" when this many tickets
    #: or fewer are ahead of it at a call (0: never).
    turn_near_ahead: int = Field(default=2, ge=0)
    #: How many of the last calls every hall display update carries.
    display_recent_calls: int = Field(default=5, ge=0, le=50)
    #: A TrueType font for printed PDF tickets (Greek needs a Unicode font); empty: the DejaVu
    #: Sans Mono python-escpos installs, else the system's DejaVu Sans.
    print_font: str = ""
