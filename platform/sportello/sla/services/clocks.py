"""A clock's life, driven by the office that owns the item (``sportello.api.sla_*``).

Every call runs in the caller's transaction when there is one (else in its own), locks the
clock row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises transactions) and writes
it with one ``UPDATE ... WHERE id = ? AND version = ?``. Calls that do not apply (pausing a
paused clock, answering twice, any call on a clock that does not exist) change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Literal, overload

from sportello.services import ServiceError, atomic
from sportello.sla import engine
from sportello.sla import models as m
from sportello.sla.services import _common
from sportello.sla.services.policies import match_policy
from sportello.sla.services.starting import (
    insert_clock,
    insert_clock_later,
    policy_and_calendar,
)
from sportello.sla.timing import BusinessClock, aware, business_time

Decide = Callable[[m.SlaClock, dt.datetime, BusinessClock], dict[str, Any] | None]


def _key(office: str, item_type: str, item_id: int) -> dict[str, Any]:
    return {"office": office, "item_type": item_type, "item_id": item_id}


@overload
async def start(
    office: str,
    item_type: str,
    item_id: int,
    *,
    site_id: int | None,
    department_id: int | None = None,
    category: str | None = None,
    priority: str | None = None,
    party_id: int | None = None,
    channel: str | None = None,
    at: dt.datetime | None = None,
    response_minutes: int | None = None,
    resolution_minutes: int | None = None,
    returning: Literal[True] = ...,
) -> m.SlaClock: ...


@overload
async def start(
    office: str,
    item_type: str,
    item_id: int,
    *,
    site_id: int | None,
    department_id: int | None = None,
    category: str | None = None,
    priority: str | None = None,
    party_id: int | None = None,
    channel: str | None = None,
    at: dt.datetime | None = None,
    response_minutes: int | None = None,
    resolution_minutes: int | None = None,
    returning: Literal[False],
) -> None: ...


async def start(
    office: str,
    item_type: str,
    item_id: int,
    *,
    site_id: int | None,
    department_id: int | None = None,
    category: str | None = None,
    priority: str | None = None,
    party_id: int | None = None,
    channel: str | None = None,
    at: dt.datetime | None = None,
    response_minutes: int | None = None,
    resolution_minutes: int | None = None,
    returning: bool = True,
) -> m.SlaClock | None:
    """Start the item's clock (an existing one is returned as it is): two statements, in the
    caller's transaction when there is one (``starting``).

    With ``returning=False`` nothing is returned, and inside ``atomic()`` the clock is written
    with the transaction's audit entries just before it commits (one statement fewer; an
    existing clock is still left as it is).

    The first matching policy gives the targets; when none matches, ``response_minutes`` and
    ``resolution_minutes`` (the office's own targets, business minutes) do. A clock with no
    target at all still records the item's times, and a later reassessment may give it one.
    """
    at = aware(at or _common.now())
    policy, bt = await policy_and_calendar(
        office,
        site_id=site_id,
        department_id=department_id,
        category=category,
        priority=priority,
        channel=channel,
        party_id=party_id,
    )
    targets = engine.policy_targets(
        policy, at, bt, response_minutes=response_minutes, resolution_minutes=resolution_minutes
    )
    values: dict[str, Any] = {
        **_key(office, item_type, item_id),
        "site_id": site_id,
        "department_id": department_id,
        "policy_id": policy.id if policy else None,
        "category": category,
        "priority": priority,
        "channel": channel,
        "party_id": party_id,
        "state": m.RUNNING,
        "started_at": at,
        "counted_from": at,
        "used_business_minutes": 0,
        "used_seconds": 0,
        **targets.columns(),
        **dict.fromkeys(
            (
                "responded_at",
                "resolved_at",
                "response_breached_at",
                "resolution_breached_at",
                "response_warned_at",
                "resolution_warned_at",
            )
        ),
    }
    values.update(engine.schedule(values, bt))
    if not returning:
        await insert_clock_later(values)
        return None
    clock = await insert_clock(values)
    if clock is None:  # started before: returned as it is
        existing: m.SlaClock = await m.SlaClock.get(**_key(office, item_type, item_id))
        return existing
    return clock


async def _apply(
    office: str, item_type: str, item_id: int, at: dt.datetime | None, decide: Decide
) -> m.SlaClock | None:
    async with atomic():
        clock = (
            await m.SlaClock.filter(**_key(office, item_type, item_id)).select_for_update().first()
        )
        if clock is None:
            return None
        when = aware(at or _common.now())
        bt = await business_time(clock.site_id, clock.department_id)
        changes = decide(clock, when, bt)
        if not changes:
            return clock
        if "bt" in changes:  # a reassessment moved the clock to another calendar
            bt = changes.pop("bt")
        changes.update(engine.schedule(engine.values_of(clock, changes), bt))
        changes["version"] = clock.version + 1
        done = await m.SlaClock.filter(id=clock.id, version=clock.version).update(**changes)
        if done != 1:
            raise ServiceError("CONFLICT", "sla.clock_changed", None)
        for name, value in changes.items():
            setattr(clock, name, value)
        return clock


async def _close_pause(clock: m.SlaClock, at: dt.datetime) -> int:
    """End the open pause, if any: its length in seconds."""
    pause = await m.SlaClockPause.filter(clock_id=clock.id, ended_at=None).first()
    if pause is None:
        return 0
    await m.SlaClockPause.filter(id=pause.id).update(ended_at=at)
    return max(0, int((at - aware(pause.started_at)).total_seconds()))


async def pause(
    office: str,
    item_type: str,
    item_id: int,
    reason: str = m.WAITING_CUSTOMER,
    at: dt.datetime | None = None,
) -> m.SlaClock | None:
    """Stop counting (waiting on the customer or a third party) until ``resume``."""
    if reason not in m.PAUSE_REASONS:
        raise ServiceError("INVALID", "sla.pause_reason", "reason")
    pausing: list[dt.datetime] = []

    def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
        if clock.state != m.RUNNING:
            return None
        pausing.append(at)
        return {**engine.fold(clock, at, bt), "state": m.PAUSED}

    clock = await _apply(office, item_type, item_id, at, decide)
    if clock is not None and pausing:
        await m.SlaClockPause.create(clock_id=clock.id, reason=reason, started_at=pausing[0])
    return clock


async def resume(
    office: str, item_type: str, item_id: int, at: dt.datetime | None = None
) -> m.SlaClock | None:
    """Count again after a pause."""
    async with atomic():
        found = await m.SlaClock.filter(**_key(office, item_type, item_id), state=m.PAUSED).first()
        if found is None:
            return await m.SlaClock.filter(**_key(office, item_type, item_id)).first()
        when = aware(at or _common.now())
        paused = await _close_pause(found, when)

        def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
            if clock.state != m.PAUSED:
                return None
            return {
                "state": m.RUNNING,
                "counted_from": at,
                "paused_seconds": clock.paused_seconds + paused,
            }

        return await _apply(office, item_type, item_id, when, decide)


def _counted(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> int:
    """Business minutes counted up to ``at``."""
    if clock.counted_from is None:
        return clock.used_business_minutes
    return clock.used_business_minutes + bt.between(aware(clock.counted_from), at)


async def respond(
    office: str, item_type: str, item_id: int, at: dt.datetime | None = None
) -> m.SlaClock | None:
    """The first response was given; a clock with no resolution target is then met."""

    def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
        if clock.responded_at is not None or clock.state not in m.OPEN:
            return None
        changes: dict[str, Any] = {"responded_at": at, "response_minutes": _counted(clock, at, bt)}
        if clock.resolution_target is None:
            changes.update(engine.fold(clock, at, bt), state=m.MET)
        return changes

    return await _finish(office, item_type, item_id, at, decide)


async def resolve(
    office: str, item_type: str, item_id: int, at: dt.datetime | None = None
) -> m.SlaClock | None:
    """The item is resolved: the clock is met (breached or not) and stops."""

    def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
        if clock.state not in m.OPEN:
            return None
        minutes = _counted(clock, at, bt)
        changes: dict[str, Any] = {**engine.fold(clock, at, bt), "state": m.MET, "resolved_at": at}
        changes["resolution_minutes"] = minutes
        if clock.responded_at is None:
            changes.update(responded_at=at, response_minutes=minutes)
        return changes

    return await _finish(office, item_type, item_id, at, decide)


async def stop(
    office: str, item_type: str, item_id: int, at: dt.datetime | None = None
) -> m.SlaClock | None:
    """The item was cancelled: the clock stops and leaves the reports."""

    def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
        if clock.state not in m.OPEN:
            return None
        return {**engine.fold(clock, at, bt), "state": m.STOPPED, "stopped_at": at}

    return await _finish(office, item_type, item_id, at, decide)


async def restart(
    office: str, item_type: str, item_id: int, at: dt.datetime | None = None
) -> m.SlaClock | None:
    """The item was reopened (the party answered a resolved case, a ticket came back): a met
    or stopped clock counts again from ``at``, against the same targets, with what it counted
    before still counted; the time it spent closed does not count. The first response stays
    given, and a breach already recorded stays recorded. A clock still open is left as it is."""

    def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
        if clock.state in m.OPEN:
            return None
        return {
            "state": m.RUNNING,
            "counted_from": at,
            "resolved_at": None,
            "resolution_minutes": None,
            "stopped_at": None,
        }

    return await _apply(office, item_type, item_id, at, decide)


async def _finish(
    office: str, item_type: str, item_id: int, at: dt.datetime | None, decide: Decide
) -> m.SlaClock | None:
    """Apply ``decide``; a clock that leaves the open states closes its pause."""
    when = aware(at or _common.now())
    async with atomic():
        clock = await _apply(office, item_type, item_id, when, decide)
        if clock is not None and clock.state not in m.OPEN:
            paused = await _close_pause(clock, when)
            if paused:
                await m.SlaClock.filter(id=clock.id).update(
                    paused_seconds=clock.paused_seconds + paused
                )
                clock.paused_seconds += paused
        return clock


_UNCHANGED: Any = object()


async def reassess(
    office: str,
    item_type: str,
    item_id: int,
    *,
    site_id: Any = _UNCHANGED,
    department_id: Any = _UNCHANGED,
    category: Any = _UNCHANGED,
    priority: Any = _UNCHANGED,
    party_id: Any = _UNCHANGED,
    channel: Any = _UNCHANGED,
    response_minutes: int | None = None,
    resolution_minutes: int | None = None,
    at: dt.datetime | None = None,
) -> m.SlaClock | None:
    """The item changed (priority, category, department...) or its policies did: choose the
    policy again and recompute the due times from the new targets. What was counted stays
    counted and paused time stays out; warnings and breaches already recorded stay recorded.
    Arguments not given keep the clock's values."""
    async with atomic():
        clock = await m.SlaClock.filter(**_key(office, item_type, item_id)).first()
        if clock is None or clock.state not in m.OPEN:
            return clock
        given = {
            "site_id": site_id,
            "department_id": department_id,
            "category": category,
            "priority": priority,
            "party_id": party_id,
            "channel": channel,
        }
        attrs = {k: getattr(clock, k) if v is _UNCHANGED else v for k, v in given.items()}
        policy = await match_policy(
            office,
            category=attrs["category"],
            priority=attrs["priority"],
            channel=attrs["channel"],
            party_id=attrs["party_id"],
            department_id=attrs["department_id"],
        )
        new_bt = await business_time(attrs["site_id"], attrs["department_id"])
        if (
            policy is None
            and clock.policy_id is None
            and response_minutes is None
            and resolution_minutes is None
        ):
            response_minutes, resolution_minutes = clock.response_target, clock.resolution_target
        targets = engine.policy_targets(
            policy,
            aware(clock.started_at),
            new_bt,
            response_minutes=response_minutes,
            resolution_minutes=resolution_minutes,
        )

        def decide(clock: m.SlaClock, at: dt.datetime, bt: BusinessClock) -> dict[str, Any] | None:
            changes: dict[str, Any] = {**attrs, "policy_id": policy.id if policy else None}
            changes.update(targets.columns())
            if clock.state == m.RUNNING:
                changes.update(engine.fold(clock, at, bt), counted_from=at)
            changes["bt"] = new_bt
            return changes

        return await _apply(office, item_type, item_id, at, decide)


async def get(office: str, item_type: str, item_id: int) -> m.SlaClock | None:
    found: m.SlaClock | None = await m.SlaClock.filter(**_key(office, item_type, item_id)).first()
    return found


async def get_many(office: str, item_type: str, item_ids: Iterable[int]) -> dict[int, m.SlaClock]:
    """The clocks of many items of one office, in one query (for lists)."""
    ids = list({int(i) for i in item_ids})
    if not ids:
        return {}
    rows = await m.SlaClock.filter(office=office, item_type=item_type, item_id__in=ids)
    return {row.item_id: row for row in rows}
