"""The event bus under its old name: every name it always had, re-exported from where it lives.

Each job of the bus has a module of its own:

* ``outbox``: ``publish`` (an outbox row in the caller's transaction, the payload check, the
  PostgreSQL ``pg_notify``), the wakers of this process's dispatchers, and
  ``effects_transaction`` (``Event.transaction()``).
* ``dispatcher``: ``EventsCore``, fan-out, due deliveries, handler runs with timeouts and
  retries, the record of attempts, the polling loop.
* ``listener``: PostgreSQL LISTEN/NOTIFY, the dispatching lead (advisory lock), reconnects.
* ``config``: ``EventsConfig`` and the retry ``backoff``.
* ``visibility``: who may see which events (actors, webhook endpoints).
* ``replay``: parked deliveries back in the queue.
* ``subscriptions``: ``subscribe``, its token guard and the in-process ``Broker``.

Patch a name in the module that reads it (``sportello.events.dispatcher.now``, ...): patching
it here changes nothing.
"""

from __future__ import annotations

from sportello.events.config import EventsConfig, backoff
from sportello.events.declared import WEBHOOK_PREFIX, event_types
from sportello.events.dispatcher import EventsCore, log
from sportello.events.listener import LEADER_LOCK, _max_event_id
from sportello.events.outbox import (
    _HANDLER_TIMEOUT,
    CHANNEL,
    _closing,
    _is_postgres,
    _uninterrupted_entry,
    _Waker,
    _wakers,
    declared_type,
    effects_transaction,
    now,
    publish,
    to_event,
)
from sportello.events.replay import replay
from sportello.events.subscriptions import Broker, _TokenGuard, core_of, subscribe
from sportello.events.visibility import (
    _Row,
    endpoint_receives,
    hidden_event_names,
    may_see_event,
    sees_site,
    visible_events,
)

__all__ = [
    "CHANNEL",
    "LEADER_LOCK",
    "WEBHOOK_PREFIX",
    "_HANDLER_TIMEOUT",
    "Broker",
    "EventsConfig",
    "EventsCore",
    "_Row",
    "_TokenGuard",
    "_Waker",
    "_closing",
    "_is_postgres",
    "_max_event_id",
    "_uninterrupted_entry",
    "_wakers",
    "backoff",
    "core_of",
    "declared_type",
    "effects_transaction",
    "endpoint_receives",
    "event_types",
    "hidden_event_names",
    "log",
    "may_see_event",
    "now",
    "publish",
    "replay",
    "sees_site",
    "subscribe",
    "to_event",
    "visible_events",
]
