"""Contact points have rules of their own (per-channel normalisation, a primary copied into
``Party.email`` / ``Party.phone``) used alike by the party write, the GraphQL types and export."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sportello.parties.models import ContactPoint, Party
from sportello.parties.services._common import (
    EMAIL_CHANNEL,
    LIST_FIELD,
    MAX_ITEMS,
    _kind,
    _one_primary,
    _text,
)
from sportello.parties.validation import normalise_email, normalise_phone
from sportello.services import Problem

CONTACT_KINDS = ("work", "home", "mobile", "other")
CONTACT_COLUMNS = ("party_id", "channel", "kind", "value", "is_primary")


def _clean_contacts(
    items: Iterable[Mapping[str, Any]], channel: str, country: str | None, problems: list[Problem]
) -> list[dict[str, Any]]:
    field = LIST_FIELD[channel]
    items = list(items)
    if len(items) > MAX_ITEMS:
        problems.append(Problem("INVALID", "parties.too_many", field, {"max": MAX_ITEMS}))
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        path = f"{field}.{i}"
        kind = _kind(item.get("kind")) or "other"
        if kind not in CONTACT_KINDS:
            problems.append(Problem("INVALID", "parties.invalid_contact_kind", f"{path}.kind"))
        raw = _text(item.get("value"))
        value: str | None = None
        if not raw:
            problems.append(Problem("REQUIRED", "core.required", f"{path}.value"))
        else:
            value = _normalise(channel, raw, country)
            if value is None:
                problems.append(Problem("INVALID", f"parties.invalid_{channel}", f"{path}.value"))
            elif value in seen:
                problems.append(Problem("DUPLICATE", "parties.duplicate_value", f"{path}.value"))
            else:
                seen.add(value)
        out.append({"kind": kind, "value": value or raw, "primary": bool(item.get("primary"))})
    _one_primary(out, field, problems)
    return out


def _normalise(channel: str, raw: str, country: str | None) -> str | None:
    return normalise_email(raw) if channel == EMAIL_CHANNEL else normalise_phone(raw, country)


def _set_primary(
    current: list[dict[str, Any]],
    channel: str,
    raw: str,
    country: str | None,
    problems: list[Problem],
) -> list[dict[str, Any]]:
    """The older scalar API: ``email``/``phone`` replaces the primary one ("" removes it)."""
    items = [dict(c) for c in current]
    raw = raw.strip()
    if not raw:
        items = [c for c in items if not c["primary"]]
        if items:
            items[0]["primary"] = True
        return items
    value = _normalise(channel, raw, country)
    if value is None:
        problems.append(Problem("INVALID", f"parties.invalid_{channel}", channel))
        return current
    items = [c for c in items if c["primary"] or c["value"] != value]
    primary = next((c for c in items if c["primary"]), None)
    if primary is None:
        items.insert(0, {"kind": "other", "value": value, "primary": True})
    else:
        primary["value"] = value
    return items


def contacts_of(
    party: Any, rows: Iterable[Mapping[str, Any]], channel: str
) -> list[dict[str, Any]]:
    """A channel's contact points (``rows`` of ContactPoint values, in order), erased ones
    left out. A party written by an office straight into ``Party.email`` (no contact point
    yet) shows that value as its primary one."""
    items = [
        {"kind": r["kind"], "value": r["value"], "primary": bool(r["is_primary"])}
        for r in rows
        if r["channel"] == channel and r["value"]
    ]
    column = getattr(party, channel, None)
    if column and not any(i["primary"] for i in items):
        items = [i for i in items if i["value"] != column]
        items.insert(0, {"kind": "other", "value": column, "primary": True})
    return items


async def contact_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        ContactPoint.filter(party_id__in=party_ids)
        .order_by("party_id", "channel", "position", "id")
        .values(*CONTACT_COLUMNS)
    )


async def _replace_contacts(
    party: Party, channel: str, items: list[dict[str, Any]], *, new: bool = False
) -> None:
    """The party's whole list for one channel; ``Party.email``/``phone`` follow its primary."""
    if not new:
        await ContactPoint.filter(party_id=party.id, channel=channel).delete()
    if items:
        await ContactPoint.bulk_create(
            [
                ContactPoint(
                    party_id=party.id,
                    channel=channel,
                    kind=c["kind"],
                    value=c["value"],
                    is_primary=c["primary"],
                    position=i,
                )
                for i, c in enumerate(items)
            ]
        )
    setattr(party, channel, _primary_value(items))


def _primary_value(items: list[dict[str, Any]]) -> str | None:
    return next((c["value"] for c in items if c["primary"]), None)
