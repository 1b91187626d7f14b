"""The notification service's jobs: queueing (``api.notify``), recipients, sending, kind
switches, the in-app inbox, privacy."""

from sportello.notify.services.inbox import mark_read
from sportello.notify.services.kind_settings import (
    effective,
    kind_enabled,
    set_kind_enabled,
    settings_by_kind,
)
from sportello.notify.services.privacy import party_data, party_erase
from sportello.notify.services.queueing import (
    CREATED_EVENT,
    QUEUED_EVENT,
    NotificationCreated,
    NotificationError,
    Queued,
    notify,
    notify_cancel,
    notify_erase,
)
from sportello.notify.services.sending import send_due, send_one

__all__ = [
    "CREATED_EVENT",
    "QUEUED_EVENT",
    "NotificationCreated",
    "NotificationError",
    "Queued",
    "effective",
    "kind_enabled",
    "mark_read",
    "notify",
    "notify_cancel",
    "notify_erase",
    "party_data",
    "party_erase",
    "send_due",
    "send_one",
    "set_kind_enabled",
    "settings_by_kind",
]
