"""The runtime's Prometheus instruments, in a registry of its own.

One ``CollectorRegistry`` per runtime, not prometheus_client's global one: several apps in
one process (the tests) never see each other's series, and nothing registers twice.

Label values stay bounded whatever clients send: operation names beyond
``metrics.max_operation_names`` and anonymous operations share ``(other)``; error codes
beyond ``MAX_CODES`` share ``(other)`` too (codes come from the server, but a plugin could
build them).
"""

from __future__ import annotations

import threading
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

from sportello.ops.record import Record, worst
from sportello.settings import MetricsSettings

OTHER = "(other)"
#: the operation label of a GraphQL request refused before any operation ran
NONE = "(none)"
BATCH = "(batch)"
MAX_CODES = 200
SQL_BUCKETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233)


class Bounded:
    """The first ``cap`` distinct values keep their name; the rest become ``(other)``."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.known: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, value: str | None) -> str:
        if value is None:
            return OTHER
        if value in self.known:
            return value
        with self._lock:
            if value in self.known or len(self.known) < self.cap:
                self.known.add(value)
                return value
        return OTHER


class Metrics:
    def __init__(self, settings: MetricsSettings | None = None) -> None:
        settings = settings or MetricsSettings()
        self.registry = CollectorRegistry(auto_describe=True)
        self.names = Bounded(settings.max_operation_names)
        #: each (operation, type, outcome)'s metric children: bounded like the names
        self._children: dict[tuple[str, str, str], tuple[Any, Any, Any]] = {}
        self.codes = Bounded(MAX_CODES)
        r = self.registry
        ProcessCollector(registry=r)
        PlatformCollector(registry=r)
        self.operations = Counter(
            "sportello_graphql_operations",
            "GraphQL operations (HTTP requests to /graphql, WebSocket operations) by outcome.",
            ("operation", "type", "outcome"),
            registry=r,
        )
        self.duration = Histogram(
            "sportello_graphql_operation_duration_seconds",
            "Time from the request's arrival to its last byte (a WebSocket operation: from "
            "start to end).",
            ("operation", "type"),
            registry=r,
        )
        self.sql = Histogram(
            "sportello_graphql_sql_statements",
            "SQL statements sent per GraphQL request or WebSocket operation.",
            ("operation", "type"),
            buckets=SQL_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "sportello_graphql_errors",
            "Errors returned to clients, by code: GraphQL errors, refusals before GraphQL ran "
            "(kind=request) and mutation payload errors (kind=payload).",
            ("code", "kind"),
            registry=r,
        )
        self.subscriptions = Gauge(
            "sportello_graphql_subscriptions_open",
            "Subscriptions running now (in this process).",
            registry=r,
        )
        self.webhooks = Counter(
            "sportello_webhook_deliveries",
            "Webhook delivery attempts by outcome: delivered, or the error class "
            "(HTTP_5XX, TIMEOUT, CONNECT_FAILED, BLOCKED_ADDRESS...).",
            ("outcome",),
            registry=r,
        )
        self.logins = Counter(
            "sportello_logins",
            "Password logins (tokenCreate) by outcome: success, invalid_credentials, throttled.",
            ("outcome",),
            registry=r,
        )
        # Read from the database at scrape time (sportello.ops.scrape).
        self.database_up = Gauge(
            "sportello_database_up", "1 when the last scrape could query the database.", registry=r
        )
        self.undispatched = Gauge(
            "sportello_events_undispatched",
            "Committed outbox events the dispatcher has not fanned out yet.",
            registry=r,
        )
        self.deliveries = Gauge(
            "sportello_event_deliveries",
            "Event deliveries still open (pending) or given up (parked), handlers and webhooks.",
            ("status",),
            registry=r,
        )
        self.oldest_pending = Gauge(
            "sportello_events_oldest_pending_age_seconds",
            "Age of the oldest event not yet dispatched or with a pending delivery; 0 when none.",
            registry=r,
        )
        self.throttled = Gauge(
            "sportello_login_throttle_blocked",
            "Login throttle counters (IP, or IP plus account) blocked right now.",
            registry=r,
        )

    def observe(self, record: Record, seconds: float, status: int | None = None) -> None:
        """Count a GraphQL request (HTTP) or operation (WebSocket) once it has ended."""
        ops = record.operations
        if len(ops) == 1:
            name, kind, outcome = self.names(ops[0].name), ops[0].type, ops[0].outcome
        elif ops:
            name, kind, outcome = BATCH, "batch", worst(ops)
        else:
            name, kind = NONE, "none"
            outcome = "failed" if status is not None and status >= 500 else "error"
        children = self._children.get((name, kind, outcome))
        if children is None:  # prometheus_client locks and looks up labels on every call
            children = self._children[name, kind, outcome] = (
                self.operations.labels(name, kind, outcome),
                self.duration.labels(name, kind),
                self.sql.labels(name, kind),
            )
        children[0].inc()
        children[1].observe(seconds)
        children[2].observe(record.sql)
        for code in record.errors:
            self.errors.labels(self.codes(code), "request").inc()
        if not ops and not record.errors and status is not None and status >= 400:
            self.errors.labels(self.codes(f"HTTP_{status}"), "request").inc()
        for op in ops:
            for code in op.errors:
                self.errors.labels(self.codes(code), "graphql").inc()
            for code in op.refusals:
                self.errors.labels(self.codes(code), "payload").inc()
