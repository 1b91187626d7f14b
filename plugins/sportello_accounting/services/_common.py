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


def event_day(event: api.Event) -> dt.date:
    """The day an event happened (UTC): the date of an entry whose document carries none."""
    at = event.occurred_at
    if isinstance(at, dt.datetime):
        return at.date()
    if isinstance(at, str) and at:
        return dt.datetime.fromisoformat(at).date()
    return now().date()
