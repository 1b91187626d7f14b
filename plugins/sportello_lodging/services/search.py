"""Finding a booking at the desk: by the guest's name (partial, accents and case ignored), the
booking reference the guest was sent (R-000123) or the channel's own booking id.

Names are matched against ``Reservation.search_key``, a normalised copy of the guest's name and
the channel booking id written with the reservation: one indexed column (a trigram index on
PostgreSQL) instead of a join to the parties with accent folding done per row.
"""

from __future__ import annotations

import re
import unicodedata

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello_lodging import models as m

#: The longest search text read and the most words matched (the rest is ignored).
MAX_TEXT = 200
MAX_WORDS = 6

_REFERENCE = re.compile(r"^r-?0*(\d{1,9})$")


def normalise(text: str | None) -> str:
    """Lower case, accents dropped, spaces collapsed: "  Núñez  Ó'Brien" -> "nunez o'brien"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


#: The search key's column length (a 200-character name, a 64-character booking id)
KEY_LENGTH = 300


def search_key(guest_name: str | None, channel_booking_id: str | None) -> str:
    """The booking id first: a long name cut to fit never loses it."""
    key = " | ".join(p for p in (normalise(channel_booking_id), normalise(guest_name)) if p)
    return key[:KEY_LENGTH]


def search(text: str) -> QuerySet[m.Reservation]:
    """Reservations whose guest name or channel booking id holds every word of ``text``, or
    whose booking reference it is; the latest arrival first."""
    wanted = normalise(text[:MAX_TEXT])
    words = wanted.split()[:MAX_WORDS]
    if not words:
        return m.Reservation.filter(id__in=[])
    match = Q(*(Q(search_key__contains=w) for w in words), join_type=Q.AND)
    reference = _REFERENCE.match(wanted.replace(" ", ""))
    if reference is not None:
        match |= Q(id=int(reference.group(1)))
    return m.Reservation.filter(match).order_by("-arrival", "-id")
