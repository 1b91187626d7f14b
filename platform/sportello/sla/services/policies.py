"""SLA policies: create, change, and the rule that picks one for an item.

Matching
    A policy's rules (office, category, priority, channel, party, department) each match
    anything when null, else the item's equal value. Among the active policies that match,
    the lowest ``position`` wins (then the oldest).

Targets
    First response and resolution in business minutes of the item's calendar, or instead of
    a resolution target a legal deadline of ``deadline_days`` CALENDAR or BUSINESS days. A
    warning comes ``warn_before_percent`` of a target, or ``warn_before_minutes``, before it
    is due (one of the two, or none).
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from sportello.identity.audit import record
from sportello.org.services.routing import department_exists
from sportello.parties.models import Party
from sportello.services import Actor, ServiceError, atomic, get_or_error
from sportello.sla import models as m

#: The fields ``create_policy`` and ``update_policy`` take.
FIELDS = (
    "name",
    "active",
    "position",
    "office",
    "category",
    "priority",
    "channel",
    "party_id",
    "department_id",
    "first_response_minutes",
    "resolution_minutes",
    "deadline_days",
    "deadline_kind",
    "warn_before_percent",
    "warn_before_minutes",
)
_RULES = ("office", "category", "priority", "channel")
_MINUTES = ("first_response_minutes", "resolution_minutes", "deadline_days", "warn_before_minutes")
_INPUT = {
    "party_id": "partyId",
    "department_id": "departmentId",
    "first_response_minutes": "firstResponseMinutes",
    "resolution_minutes": "resolutionMinutes",
    "deadline_days": "deadlineDays",
    "deadline_kind": "deadlineKind",
    "warn_before_percent": "warnBeforePercent",
    "warn_before_minutes": "warnBeforeMinutes",
}


def _field(name: str) -> str:
    return _INPUT.get(name, name)


async def _check(values: dict[str, Any], policy_id: int | None = None) -> dict[str, Any]:
    """``values`` (every field) cleaned, or ServiceError naming the input field."""
    out = dict(values)
    name = (out.get("name") or "").strip()
    if not name:
        raise ServiceError("REQUIRED", "core.required", "name")
    if len(name) > 200:
        raise ServiceError("INVALID", "sla.too_long", "name")
    out["name"] = name
    for rule in _RULES:
        value = out.get(rule)
        out[rule] = value.strip() or None if isinstance(value, str) else value
    for key in _MINUTES:
        value = out.get(key)
        if value is not None and value <= 0:
            raise ServiceError("INVALID", "sla.positive", _field(key))
    pct = out.get("warn_before_percent")
    if pct is not None and not 0 < pct < 100:
        raise ServiceError("INVALID", "sla.percent", "warnBeforePercent")
    if pct is not None and out.get("warn_before_minutes") is not None:
        raise ServiceError("TARGET_CONFLICT", "sla.warn_conflict", "warnBeforeMinutes")
    if out.get("deadline_days") is not None:
        if out.get("resolution_minutes") is not None:
            raise ServiceError("TARGET_CONFLICT", "sla.deadline_conflict", "deadlineDays")
        if out.get("deadline_kind") not in (m.CALENDAR, m.BUSINESS):
            raise ServiceError("REQUIRED", "sla.deadline_kind", "deadlineKind")
    else:
        out["deadline_kind"] = None
    if all(
        out.get(k) is None
        for k in ("first_response_minutes", "resolution_minutes", "deadline_days")
    ):
        raise ServiceError("NO_TARGET", "sla.no_target", "firstResponseMinutes")
    party_id = out.get("party_id")
    if party_id is not None and not await Party.filter(id=party_id, anonymised_at=None).exists():
        raise ServiceError("NOT_FOUND", "core.not_found", "partyId")
    department_id = out.get("department_id")
    if department_id is not None and not await department_exists(department_id):
        raise ServiceError("NOT_FOUND", "core.not_found", "departmentId")
    clash = m.SlaPolicy.filter(name=out["name"])
    if policy_id is not None:
        clash = clash.exclude(id=policy_id)
    if await clash.exists():
        raise ServiceError("CONFLICT", "sla.name_taken", "name")
    return out


def _plain(policy: m.SlaPolicy) -> dict[str, Any]:
    return {k: getattr(policy, k) for k in FIELDS}


async def create_policy(actor: Actor, **values: Any) -> m.SlaPolicy:
    """A new policy; missing fields take their defaults (active, position 100, rules: any)."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown policy fields: {sorted(unknown)}")
    base: dict[str, Any] = dict.fromkeys(FIELDS)
    base.update(active=True, position=100)
    base.update(
        {k: v for k, v in values.items() if v is not None or k not in ("active", "position")}
    )
    clean = await _check(base)
    async with atomic():
        policy = await m.SlaPolicy.create(**clean)
        await record(actor, "slaPolicyCreate", policy, after=clean)
    return policy


async def update_policy(actor: Actor, policy_id: int, changes: dict[str, Any]) -> m.SlaPolicy:
    """Change the given fields (a null rule matches anything again). Open clocks keep their
    targets until reassessed; new clocks get the new ones."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown policy fields: {sorted(unknown)}")
    for key in ("name", "active", "position"):
        if key in changes and changes[key] is None:
            raise ServiceError("REQUIRED", "core.required", key)
    policy: m.SlaPolicy = await get_or_error(m.SlaPolicy, policy_id, "id")
    before = _plain(policy)
    clean = await _check({**before, **changes}, policy.id)
    diff = {k: v for k, v in clean.items() if before[k] != v}
    async with atomic():
        if diff:
            await m.SlaPolicy.filter(id=policy.id).update(**diff)
        policy = await m.SlaPolicy.get(id=policy.id)
        await record(
            actor, "slaPolicyUpdate", policy, before={k: before[k] for k in diff}, after=diff
        )
    return policy


async def match_policy(
    office: str,
    *,
    category: str | None = None,
    priority: str | None = None,
    channel: str | None = None,
    party_id: int | None = None,
    department_id: int | None = None,
) -> m.SlaPolicy | None:
    """The first active policy (by position) whose every rule matches: one query."""
    qs = m.SlaPolicy.filter(active=True)
    for column, value in (
        ("office", office),
        ("category", category),
        ("priority", priority),
        ("channel", channel),
        ("party_id", party_id),
        ("department_id", department_id),
    ):
        anything: dict[str, Any] = {f"{column}__isnull": True}
        rule = Q(**anything)
        if value is not None:
            equal: dict[str, Any] = {column: value}
            rule |= Q(**equal)
        qs = qs.filter(rule)
    found: m.SlaPolicy | None = await qs.order_by("position", "id").first()
    return found
