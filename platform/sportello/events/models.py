from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model


class OutboxEvent(Model):
    """Events written in the same transaction as the change that caused them."""

    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=120, db_index=True)
    version = fields.IntField(default=1)
    aggregate = fields.CharField(max_length=120, db_index=True)
    site_id = fields.IntField(null=True)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    occurred_at = fields.DatetimeField(auto_now_add=True)
    #: set once the dispatcher has created the delivery rows of this event
    dispatched_at = fields.DatetimeField(null=True, db_index=True)
    #: W3C traceparent of the request that published it, when tracing is on (sportello.telemetry)
    trace_context = fields.CharField(max_length=128, null=True)

    class Meta:
        table = "events_outbox"
        ordering = ["id"]


class EventDelivery(Model):
    """One event for one handler (a plugin handler or a webhook endpoint), at least once."""

    id = fields.BigIntField(primary_key=True)
    event: fields.ForeignKeyRelation[OutboxEvent] = fields.ForeignKeyField(
        "events.OutboxEvent", related_name="deliveries"
    )
    event_id: int
    #: plugin handler name, or webhook:ID for a webhook endpoint
    handler = fields.CharField(max_length=160)
    #: copied from the event so per-aggregate ordering needs no join
    aggregate = fields.CharField(max_length=120)
    #: pending, delivered, parked
    status = fields.CharField(max_length=16, default="pending", db_index=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(null=True)
    last_status_code = fields.IntField(null=True)
    last_latency_ms = fields.IntField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    parked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "events_delivery"
        ordering = ["id"]
        unique_together = (("handler", "event"),)


class DeliveryAttempt(Model):
    """The log of every attempt: when, how long, with which outcome."""

    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[EventDelivery] = fields.ForeignKeyField(
        "events.EventDelivery", related_name="attempt_log"
    )
    delivery_id: int
    number = fields.IntField()
    started_at = fields.DatetimeField()
    latency_ms = fields.IntField()
    ok = fields.BooleanField()
    status_code = fields.IntField(null=True)
    error = fields.TextField(null=True)
    #: when the next attempt falls due, for a failure that will be retried (the schedule)
    retry_at = fields.DatetimeField(null=True)

    class Meta:
        table = "events_attempt"
        ordering = ["id"]


class WebhookEndpoint(Model):
    """An HTTPS endpoint receiving signed deliveries of some event types."""

    id = fields.IntField(primary_key=True)
    url = fields.CharField(max_length=500)
    #: event names, or * for every event
    events: fields.JSONField[list[str]] = fields.JSONField(default=list)
    description = fields.CharField(max_length=300, default="")
    secret = fields.CharField(max_length=128)
    enabled = fields.BooleanField(default=True)
    #: set when the endpoint kept failing and was disabled automatically
    failing = fields.BooleanField(default=False)
    disabled_reason = fields.CharField(max_length=300, null=True)
    consecutive_failures = fields.IntField(default=0)
    created_by = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    #: event permissions of whoever set its events (null: all of them, a superuser)
    permissions: fields.JSONField[list[str] | None] = fields.JSONField(null=True)
    #: sites whose events it receives (null: every site): its scope (events/ownership.py)
    site_ids: fields.JSONField[list[int] | None] = fields.JSONField(null=True)
    #: the user who last set its URL, events or sites (it delivers only what they may still read)
    owner_id = fields.IntField(null=True)

    class Meta:
        table = "events_webhook"
        ordering = ["id"]
