from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class InboundMessage(Model):
    """An email received through the inbound route, kept once per Message-ID."""

    id = fields.BigIntField(primary_key=True)
    #: The Message-ID header without angle brackets (one of our own when it had none)
    message_id = fields.CharField(max_length=300, unique=True)
    in_reply_to = fields.CharField(max_length=300, null=True)
    #: The References header, message ids separated by spaces
    references = fields.TextField(default="")
    from_address = fields.CharField(max_length=254, db_index=True)
    from_name = fields.CharField(max_length=200, default="")
    subject = fields.CharField(max_length=300, default="")
    size = fields.IntField(default=0)
    #: The office that claimed it (null: nobody did)
    office = fields.CharField(max_length=64, null=True)
    item_type = fields.CharField(max_length=64, null=True)
    item_id = fields.BigIntField(null=True)
    received_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "inbound_message"
        ordering = ["-received_at", "-id"]


class InboundAttachment(Model):
    """A file that came with an inbound email (its content only when under the size cap)."""

    id = fields.BigIntField(primary_key=True)
    message: fields.ForeignKeyRelation[InboundMessage] = fields.ForeignKeyField(
        "inbound.InboundMessage", related_name="attachments", on_delete=fields.CASCADE
    )
    message_id: int
    filename = fields.CharField(max_length=255, default="")
    content_type = fields.CharField(max_length=127, default="application/octet-stream")
    size = fields.IntField()
    #: The bytes, or null when the file was over [inbound] max_attachment_bytes
    content = fields.BinaryField(null=True)

    class Meta:
        table = "inbound_attachment"
        ordering = ["id"]


class MailThread(Model):
    """A Message-ID (received or sent) and the office item its conversation belongs to."""

    id = fields.BigIntField(primary_key=True)
    message_id = fields.CharField(max_length=300, unique=True)
    office = fields.CharField(max_length=64)
    item_type = fields.CharField(max_length=64)
    item_id = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "inbound_thread"
        ordering = ["id"]


class PollLease(Model):
    """Who polls a mailbox now: one poller at a time across processes, until ``expires_at``
    (a poller that died lets another take over then)."""

    id = fields.BigIntField(primary_key=True)
    #: the mailbox polled (``user@host/mailbox``)
    name = fields.CharField(max_length=300, unique=True)
    holder = fields.CharField(max_length=64)
    expires_at = fields.DatetimeField()

    class Meta:
        table = "inbound_poll_lease"
        ordering = ["id"]
