"""What every accounting service shares: settings, raw SQL on both dialects, cents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from sportello import api
from sportello_accounting.settings import AccountingSettings

_settings = AccountingSettings()
CENT = Decimal("0.01")


def configure(settings: AccountingSettings | None) -> None:
    global _settings
    _settings = settings or AccountingSettings()


def settings() -> AccountingSettings:
    return _settings


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def conn() -> BaseDBAsyncClient:
    client: BaseDBAsyncClient = connections.get("default")
    return client


def dialect(client: BaseDBAsyncClient | None = None) -> str:
    return str((client or conn()).capabilities.dialect)


def is_postgres() -> bool:
    return dialect() == "postgres"


_MARK = re.compile(r"\?")


def sql(text: str) -> str:
    """``?`` placeholders as the current dialect wants them (``$1``... on PostgreSQL)."""
    if not is_postgres():
        return text
    counter = iter(range(1, 10_000))
    return _MARK.sub(lambda _m: f"${next(counter)}", text)


async def rows(text: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await conn().execute_query_dict(sql(text), list(params))
    return result


def to_cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)


def has_cents_only(value: Decimal) -> bool:
    return value == value.quantize(CENT)


def invalid(field: str, key: str = "accounting.invalid", **params: Any) -> api.ServiceError:
    return api.ServiceError("INVALID", key, field, **params)


def event_instant(event: api.Event) -> dt.datetime:
    """When an event happened (aware; now when the event does not say)."""
    at = event.occurred_at
    if isinstance(at, str) and at:
        at = dt.datetime.fromisoformat(at)
    if not isinstance(at, dt.datetime):
        return now()
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


async def local_day(event: api.Event, site_id: int | None = None) -> dt.date:
    """The business day of an event: the payload's ``business_day`` when it carries one (a
    hotel's day, which the night audit closes), otherwise the date at the site's time zone
    when it happened (UTC for a site unknown), so a checkout at 00:30 in Rome on 1 January
    posts on 1 January, not on 31 December."""
    given = event.payload.get("business_day")
    if given:
        return given if isinstance(given, dt.date) else dt.date.fromisoformat(str(given))
    site = site_id if site_id is not None else event.payload.get("site_id", event.site_id)
    zones = await api.site_zones([int(site)]) if site else {}
    tz = zones.get(int(site)) if site else None
    return event_instant(event).astimezone(tz or dt.UTC).date()
