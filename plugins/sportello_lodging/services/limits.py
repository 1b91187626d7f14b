"""The office's business limits: the longest stay, the booking horizon and a room type's
amenities.

Every path that sets or moves a stay's dates checks the first two before it writes anything
(a room or room type booking, new dates, an extension in house): no stay is longer than
``max_stay_nights`` and no arrival further ahead than ``booking_horizon_days``. That also bounds
the room and city tax lines a stay posts (one per night), and keeps every date the services
compute (a night, a departure) far inside the calendar: a departure of 9999-12-31 is a stay too
long, never an overflow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sportello import api
from sportello_lodging.services import clock, config

#: Most guests a room type sleeps: also bounds a stay's guest registry entries (the cost limit
#: counts ``registrations`` at this size).
MAX_CAPACITY = 20
#: Most rooms ``roomAvailability`` lists, over all its room types (the counts stay exact).
MAX_AVAILABLE_ROOMS = 1000
#: Most amenities a room type lists, and the longest one (characters).
MAX_AMENITIES = 50
MAX_AMENITY_LENGTH = 100


def stay_too_long(arrival: dt.date, departure: dt.date) -> api.Problem | None:
    """``STAY_TOO_LONG`` on ``departure`` for a stay of more than ``max_stay_nights``."""
    longest = config.settings().max_stay_nights
    if (departure - arrival).days <= longest:
        return None
    return api.Problem("STAY_TOO_LONG", "lodging.stay_too_long", "departure", {"nights": longest})


def beyond_horizon(arrival: dt.date, today: dt.date) -> api.Problem | None:
    """``BEYOND_HORIZON`` on ``arrival`` for an arrival more than ``booking_horizon_days`` after
    ``today`` (the day at the hotel)."""
    horizon = config.settings().booking_horizon_days
    if (arrival - today).days <= horizon:
        return None
    return api.Problem("BEYOND_HORIZON", "lodging.beyond_horizon", "arrival", {"days": horizon})


def near_horizon(arrival: dt.date) -> bool:
    """Whether the arrival may be beyond the horizon at some hotel: the day at a site is at
    most one day away from the UTC day, so only then is the site's own day worth reading."""
    return (arrival - clock.today()).days >= config.settings().booking_horizon_days - 1


def check_stay(
    arrival: dt.date,
    departure: dt.date,
    today: dt.date,
    *,
    arrival_changed: bool = True,
    nights_before: int = 0,
) -> None:
    """New dates of an existing stay within the limits (raises ``ServiceError``).

    The horizon applies when the arrival changes; the length when the stay grows, so a stay
    booked before a setting was lowered can still be shortened or moved."""
    problems = []
    if arrival_changed and (problem := beyond_horizon(arrival, today)) is not None:
        problems.append(problem)
    nights = (departure - arrival).days
    if nights > nights_before and (problem := stay_too_long(arrival, departure)) is not None:
        problems.append(problem)
    if problems:
        raise api.ServiceError("INVALID", problems=problems)


def amenities(items: Sequence[str]) -> list[str]:
    """A room type's amenities within the caps, trimmed, without blanks or repeats:
    ``TOO_MANY`` on ``amenities`` for more than ``MAX_AMENITIES``, ``TOO_LONG`` on
    ``amenities.<index>`` for one longer than ``MAX_AMENITY_LENGTH`` characters."""
    if len(items) > MAX_AMENITIES:
        raise api.ServiceError(
            "TOO_MANY", "lodging.too_many_amenities", "amenities", max=MAX_AMENITIES
        )
    problems = [
        api.Problem(
            "TOO_LONG", "lodging.amenity_too_long", f"amenities.{i}", {"max": MAX_AMENITY_LENGTH}
        )
        for i, item in enumerate(items)
        if len(item.strip()) > MAX_AMENITY_LENGTH
    ]
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    return list(dict.fromkeys(text for text in (item.strip() for item in items) if text))
