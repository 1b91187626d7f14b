"""What offices declare to the notification service, and what an SMS provider adapter is.

A leaf module (the standard library only): the Office declaration and the hookspecs name these
types without importing the notification service itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

#: The channels a kind may use.
EMAIL, SMS, IN_APP = "email", "sms", "in_app"
CHANNELS = (EMAIL, SMS, IN_APP)
#: Who a kind is for: the organisation's own people; the people it serves, unasked (needs their
#: consent to the channel); or the people it serves about something they asked for (a booking's
#: confirmation, an appointment's reminder: sent unless they withdrew the consent).
STAFF, PARTY, REQUESTED = "staff", "party", "requested"
AUDIENCES = (STAFF, PARTY, REQUESTED)

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


@dataclass(frozen=True)
class NotificationKind:
    """Something an office tells people, e.g. ``visitors.visitor_arrived``.

    ``name`` is dotted and starts with the office's name. Its templates are the translation
    keys ``notify.<name>.subject`` and ``notify.<name>.body`` (``str.format`` placeholders
    named in ``params``) in the office's messages. ``audience`` ``"party"`` needs the
    recipient's consent to the channel (purposes ``notify.email`` and ``notify.sms``);
    ``"staff"`` (the organisation's people) and ``"requested"`` (what a person asked for: a
    booking's confirmation, an appointment's reminder) are blocked only by an explicit
    withdrawal of that consent.
    """

    name: str
    title: str
    audience: str = STAFF
    channels: Sequence[str] = (EMAIL, IN_APP)
    default_enabled: bool = True
    params: Sequence[str] = ()
    description: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(
                f"notification kind {self.name!r}: use a dotted lower-case name such as "
                "'visitors.visitor_arrived'"
            )
        if self.audience not in AUDIENCES:
            raise ValueError(
                f"notification kind {self.name!r}: audience must be 'staff', 'party' or 'requested', "
                f"not {self.audience!r}"
            )
        unknown = [c for c in self.channels if c not in CHANNELS]
        if unknown or not self.channels:
            raise ValueError(
                f"notification kind {self.name!r}: channels must be some of "
                f"{', '.join(CHANNELS)} (got {list(self.channels)!r})"
            )
        object.__setattr__(self, "channels", tuple(self.channels))
        object.__setattr__(self, "params", tuple(self.params))

    @property
    def subject_key(self) -> str:
        return f"notify.{self.name}.subject"

    @property
    def body_key(self) -> str:
        return f"notify.{self.name}.body"


class SmsError(Exception):
    """An SMS adapter's failure. ``error_class`` is a short code kept in the delivery log
    (``timeout``, ``rejected``, ``quota``...); ``permanent`` failures are not retried."""

    def __init__(self, error_class: str, permanent: bool = False) -> None:
        super().__init__(error_class)
        self.error_class = error_class
        self.permanent = permanent


@runtime_checkable
class SmsAdapter(Protocol):
    """A text-message provider. ``send`` raises ``SmsError`` (or any exception, counted as a
    temporary ``error``) when the message did not go out."""

    name: str

    async def send(self, to: str, text: str) -> None: ...
