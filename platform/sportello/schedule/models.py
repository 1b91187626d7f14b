"""The scheduler's tables: one-shot timers and the runs of periodic jobs (``schedule_*``)."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model


class Timer(Model):
    """An event to publish once at a given time; the key makes scheduling idempotent."""

    id = fields.BigIntField(primary_key=True)
    #: The caller's name for it (``sales.reminder:42:1``): one timer per key, ever
    key = fields.CharField(max_length=200, unique=True)
    #: The event published when it fires, with ``payload``
    event = fields.CharField(max_length=128)
    payload: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    site_id = fields.IntField(null=True)
    due_at = fields.DatetimeField()
    #: Set once, by the sweeper that fired it (in the transaction that published the event)
    fired_at = fields.DatetimeField(null=True)
    #: Changes with every rescheduling: the sweeper fires the row it read, not a moved one
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "schedule_timer"
        table_description = "An event to publish once at a given time (api.schedule_at)."
        indexes = (Index(fields=("fired_at", "due_at"), name="schedule_timer_due"),)


class JobRun(Model):
    """A periodic job's run for one period (and site): the UNIQUE row claimed in the run's
    transaction, so a period runs once whatever the number of processes."""

    id = fields.BigIntField(primary_key=True)
    job = fields.CharField(max_length=128)
    #: ``*`` for a job of the installation, ``site:<id>`` for a job per site
    scope = fields.CharField(max_length=32)
    #: The period in the job's local time: ``2026-12-04`` (daily) or ``2026-12-04T07`` (hourly)
    period = fields.CharField(max_length=32)
    site_id = fields.IntField(null=True)
    ran_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "schedule_job_run"
        table_description = "The run of a periodic job for one period and scope: once each."
        unique_together = (("job", "scope", "period"),)
