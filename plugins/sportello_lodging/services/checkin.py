"""When a guest is expected: the check-in hour of the arrival day at the site.

Apart from the clock because the model reads it (reception's lists sort arrivals by it) and the
clock reads the models.
"""

from __future__ import annotations

import datetime as dt

from sportello import api
from sportello_lodging.services import config


def expected_at(arrival: dt.date, timezone: str | None) -> dt.datetime:
    """``check_in_hour`` of the arrival day at the site (UTC if unknown)."""
    local = dt.datetime.combine(
        arrival, dt.time(config.settings().check_in_hour), api.zone(timezone)
    )
    return local.astimezone(dt.UTC)
