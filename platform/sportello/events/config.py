"""The events core's tunables and its retry schedule.

A leaf of its own: the dispatcher, the PostgreSQL listener, subscriptions and webhooks all read
the same ``EventsConfig`` (through ``EventsCore.config``) without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class EventsConfig:
    """Tunables; tests may change them on ``runtime.state["events"].config`` after start."""

    poll_interval: float = 0.5
    #: with nothing pending or running, the dispatcher only needs a wake-up (publish, NOTIFY,
    #: replay); this fallback poll is for a missed one
    idle_interval: float = 10.0
    backoff_base: float = 1.0
    backoff_max: float = 600.0
    webhook_max_attempts: int = 8
    webhook_timeout: float = 10.0
    #: consecutive failed attempts after which a webhook endpoint is disabled and flagged
    webhook_disable_after: int = 20
    batch: int = 500
    #: seconds between checks that a subscriber's token is still valid (revoked, expired)
    token_recheck: float = 60.0
    #: first and longest pause before reopening a lost PostgreSQL LISTEN connection
    reconnect_min: float = 0.5
    reconnect_max: float = 30.0


def backoff(config: EventsConfig, attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failure: base, 2 base, 4 base, ... capped."""
    return float(min(config.backoff_max, config.backoff_base * 2 ** max(0, attempts - 1)))
