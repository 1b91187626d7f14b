"""Notifications: the delivery log (one row per recipient and channel), its attempts, the
in-app inbox of each user, and the per-site switches of the kinds."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

# Delivery statuses
QUEUED = "queued"
SENT = "sent"
FAILED = "failed"
SKIPPED = "skipped"
CANCELLED = "cancelled"
STATUSES = (QUEUED, SENT, FAILED, SKIPPED, CANCELLED)


class Delivery(Model):
    """One notification to one recipient on one channel, and its fate."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=120, db_index=True)
    #: email, sms or in_app
    channel = fields.CharField(max_length=8)
    user_id = fields.IntField(null=True, db_index=True)
    #: the recipient's party (a user's own party for staff)
    party_id = fields.IntField(null=True, db_index=True)
    site_id = fields.IntField(null=True, db_index=True)
    #: the email address or phone number it goes to (null when there is none)
    address = fields.CharField(max_length=254, null=True)
    language = fields.CharField(max_length=8, default="en")
    subject = fields.CharField(max_length=300, default="")
    body = fields.TextField(default="")
    #: the caller's key, for ``notify_cancel`` (reminders)
    key = fields.CharField(max_length=200, null=True, db_index=True)
    #: queued, sent, failed, skipped (no consent, no address), cancelled
    status = fields.CharField(max_length=16, default=QUEUED, db_index=True)
    attempts = fields.IntField(default=0)
    #: when the next attempt falls due (queued), or a claimed delivery's lease
    next_attempt_at = fields.DatetimeField(null=True, db_index=True)
    #: why the last attempt failed or the delivery was skipped: a class, never a server's text
    error_class = fields.CharField(max_length=40, null=True)
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    #: extra email headers the office asked for (Message-ID, In-Reply-To, References)
    headers: fields.JSONField[dict[str, str] | None] = fields.JSONField(null=True)

    class Meta:
        table = "notify_delivery"
        ordering = ["-id"]


class DeliveryAttempt(Model):
    """The log of every attempt to send a delivery."""

    id = fields.BigIntField(primary_key=True)
    delivery: fields.ForeignKeyRelation[Delivery] = fields.ForeignKeyField(
        "notify.Delivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    delivery_id: int
    number = fields.IntField()
    at = fields.DatetimeField()
    ok = fields.BooleanField()
    error_class = fields.CharField(max_length=40, null=True)
    latency_ms = fields.IntField(default=0)

    class Meta:
        table = "notify_attempt"
        ordering = ["delivery_id", "number", "id"]


class Notification(Model):
    """A notification in a user's in-app inbox."""

    id = fields.BigIntField(primary_key=True)
    user_id = fields.IntField(db_index=True)
    kind = fields.CharField(max_length=120)
    title = fields.CharField(max_length=300)
    body = fields.TextField(default="")
    params: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "notify_notification"
        ordering = ["-id"]


class KindSetting(Model):
    """A kind switched on or off organisation-wide (``scope`` "") or at one site (its id)."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharField(max_length=120)
    #: "" for the whole organisation, else the site id as text (unique with the kind)
    scope = fields.CharField(max_length=20, default="")
    site_id = fields.IntField(null=True)
    enabled = fields.BooleanField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notify_kind_setting"
        ordering = ["kind", "scope"]
        unique_together = (("kind", "scope"),)
