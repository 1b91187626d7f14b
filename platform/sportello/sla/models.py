"""SLA policies and the clocks offices attach to their items (tables ``sla_*``)."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from sportello.parties.models import Party, Site

#: SlaPolicy.deadline_kind
CALENDAR = "calendar"
BUSINESS = "business"

#: SlaClock.state
RUNNING = "running"
PAUSED = "paused"
MET = "met"
STOPPED = "stopped"
#: States of a clock that still counts (or may count again).
OPEN = (RUNNING, PAUSED)

#: SlaClock.resolution_meter: what the resolution target is counted in
METER_BUSINESS = "business"  # business minutes on the item's calendar
METER_CALENDAR = "calendar"  # elapsed minutes (a legal deadline in calendar days)

#: SlaClockPause.reason
WAITING_CUSTOMER = "waiting_customer"
WAITING_THIRD_PARTY = "waiting_third_party"
ON_HOLD = "on_hold"
PAUSE_REASONS = (WAITING_CUSTOMER, WAITING_THIRD_PARTY, ON_HOLD)


class SlaPolicy(Model):
    """Targets and the rules choosing them: the first active matching policy by position wins."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200, unique=True)
    active = fields.BooleanField(default=True)
    #: Lower goes first when several policies match
    position = fields.IntField(default=100)
    # Match rules: null matches anything.
    office = fields.CharField(max_length=64, null=True)
    category = fields.CharField(max_length=100, null=True)
    priority = fields.CharField(max_length=32, null=True)
    channel = fields.CharField(max_length=32, null=True)
    party: fields.ForeignKeyNullableRelation[Party] = fields.ForeignKeyField(
        "parties.Party", related_name="sla_policies", null=True, on_delete=fields.RESTRICT
    )
    party_id: int | None
    department_id = fields.IntField(null=True)
    # Targets: business minutes on the item's calendar, or a legal deadline in days.
    first_response_minutes = fields.IntField(null=True)
    resolution_minutes = fields.IntField(null=True)
    deadline_days = fields.IntField(null=True)
    #: calendar or business (with deadline_days)
    deadline_kind = fields.CharField(max_length=16, null=True)
    warn_before_percent = fields.IntField(null=True)
    warn_before_minutes = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sla_policy"
        ordering = ["position", "id"]


class SlaClock(Model):
    """The time an office's item has taken against its targets.

    ``used_business_minutes`` and ``used_seconds`` are what the clock counted up to
    ``counted_from`` (null while paused or finished); due times are computed from them, so a
    pause never counts and a new policy keeps what was counted. ``next_check_at`` is the
    earliest pending warning or breach (what the sweeper's one indexed query reads).
    """

    id = fields.IntField(primary_key=True)
    office = fields.CharField(max_length=64)
    item_type = fields.CharField(max_length=64)
    item_id = fields.BigIntField()
    site: fields.ForeignKeyNullableRelation[Site] = fields.ForeignKeyField(
        "parties.Site", related_name="sla_clocks", null=True, on_delete=fields.RESTRICT
    )
    site_id: int | None
    department_id = fields.IntField(null=True)
    policy: fields.ForeignKeyNullableRelation[SlaPolicy] = fields.ForeignKeyField(
        "sla.SlaPolicy", related_name="clocks", null=True, on_delete=fields.RESTRICT
    )
    policy_id: int | None
    # The item's attributes the policy was chosen by (kept for reassessment).
    category = fields.CharField(max_length=100, null=True)
    priority = fields.CharField(max_length=32, null=True)
    channel = fields.CharField(max_length=32, null=True)
    party_id = fields.IntField(null=True)
    state = fields.CharField(max_length=16, default=RUNNING)
    started_at = fields.DatetimeField()
    counted_from = fields.DatetimeField(null=True)
    used_business_minutes = fields.IntField(default=0)
    used_seconds = fields.BigIntField(default=0)
    paused_seconds = fields.BigIntField(default=0)
    # Targets in force (from the policy, or the office's defaults).
    response_target = fields.IntField(null=True)
    resolution_target = fields.IntField(null=True)
    resolution_meter = fields.CharField(max_length=16, default=METER_BUSINESS)
    response_warn = fields.IntField(null=True)
    resolution_warn = fields.IntField(null=True)
    due_response_at = fields.DatetimeField(null=True)
    due_resolution_at = fields.DatetimeField(null=True)
    warn_response_at = fields.DatetimeField(null=True)
    warn_resolution_at = fields.DatetimeField(null=True)
    response_warned_at = fields.DatetimeField(null=True)
    resolution_warned_at = fields.DatetimeField(null=True)
    response_breached_at = fields.DatetimeField(null=True)
    resolution_breached_at = fields.DatetimeField(null=True)
    #: The first breach of either target
    breached_at = fields.DatetimeField(null=True)
    warned_at = fields.DatetimeField(null=True)
    next_check_at = fields.DatetimeField(null=True)
    responded_at = fields.DatetimeField(null=True)
    resolved_at = fields.DatetimeField(null=True)
    stopped_at = fields.DatetimeField(null=True)
    #: Business minutes counted when the item was answered / resolved
    response_minutes = fields.IntField(null=True)
    resolution_minutes = fields.IntField(null=True)
    version = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sla_clock"
        unique_together = (("office", "item_type", "item_id"),)
        ordering = ["started_at", "id"]
        indexes = [
            Index(fields=["next_check_at"]),
            Index(fields=["started_at", "policy_id"]),
            Index(fields=["department_id", "started_at"]),
        ]


class SlaClockPause(Model):
    """One pause of a clock (waiting on the customer or a third party): it does not count."""

    id = fields.IntField(primary_key=True)
    clock: fields.ForeignKeyRelation[SlaClock] = fields.ForeignKeyField(
        "sla.SlaClock", related_name="pauses", on_delete=fields.CASCADE, db_index=True
    )
    clock_id: int
    reason = fields.CharField(max_length=32)
    started_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "sla_clock_pause"
        ordering = ["clock_id", "started_at", "id"]
