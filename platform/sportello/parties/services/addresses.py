"""Addresses have their own fields, limits, postcode and country rules and share nothing with
contact points but the primary flag: one place for them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sportello.parties.models import Address, Party
from sportello.parties.services._common import MAX_ITEMS, _kind, _one_primary, _text
from sportello.parties.validation import normalise_country
from sportello.services import Problem

ADDRESS_KINDS = ("home", "work", "billing", "delivery", "registered", "other")
ADDRESS_LIMITS = {"line1": 200, "line2": 200, "postcode": 20, "city": 100, "region": 100}
POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 -]{1,18}[A-Z0-9]$")
ADDRESS_COLUMNS = ("party_id", "kind", *ADDRESS_LIMITS, "country", "is_primary")


def _clean_addresses(
    items: Iterable[Mapping[str, Any]], problems: list[Problem]
) -> list[dict[str, Any]]:
    items = list(items)
    if len(items) > MAX_ITEMS:
        problems.append(Problem("INVALID", "parties.too_many", "addresses", {"max": MAX_ITEMS}))
    out: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        path = f"addresses.{i}"
        kind = _kind(item.get("kind")) or "other"
        if kind not in ADDRESS_KINDS:
            problems.append(Problem("INVALID", "parties.invalid_address_kind", f"{path}.kind"))
        clean = {name: _text(item.get(name)) for name in ADDRESS_LIMITS}
        if not clean["line1"]:  # ``street``: the name older clients used
            clean["line1"] = _text(item.get("street"))
        if not clean["line1"]:
            problems.append(Problem("REQUIRED", "core.required", f"{path}.line1"))
        for name, limit in ADDRESS_LIMITS.items():
            if len(clean[name]) > limit:
                problems.append(
                    Problem("INVALID", "parties.too_long", f"{path}.{name}", {"max": limit})
                )
        if clean["postcode"]:
            clean["postcode"] = re.sub(r"\s+", " ", clean["postcode"].upper())
            if not POSTCODE.match(clean["postcode"]):
                problems.append(Problem("INVALID", "parties.invalid_postcode", f"{path}.postcode"))
        country = _text(item.get("country"))
        code = normalise_country(country) if country else None
        if country and code is None:
            problems.append(Problem("INVALID", "parties.invalid_country", f"{path}.country"))
        out.append({"kind": kind, **clean, "country": code, "primary": bool(item.get("primary"))})
    _one_primary(out, "addresses", problems)
    return out


def _primary_country(addresses: list[dict[str, Any]]) -> str | None:
    primary = next((a for a in addresses if a["primary"]), None)
    return primary["country"] if primary else None


def addresses_of(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "kind": r["kind"],
            **{name: r[name] for name in ADDRESS_LIMITS},
            "country": r["country"],
            "primary": bool(r["is_primary"]),
        }
        for r in rows
        if r["country"] or any(r[name] for name in ADDRESS_LIMITS)  # erased: all blank
    ]


async def address_rows(party_ids: list[int]) -> list[dict[str, Any]]:
    return await (
        Address.filter(party_id__in=party_ids)
        .order_by("party_id", "position", "id")
        .values(*ADDRESS_COLUMNS)
    )


async def _replace_addresses(
    party: Party, items: list[dict[str, Any]], *, new: bool = False
) -> None:
    if not new:
        await Address.filter(party_id=party.id).delete()
    if items:
        await Address.bulk_create(
            [
                Address(
                    party_id=party.id,
                    kind=a["kind"],
                    **{name: a[name] for name in ADDRESS_LIMITS},
                    country=a["country"],
                    is_primary=a["primary"],
                    position=i,
                )
                for i, a in enumerate(items)
            ]
        )
