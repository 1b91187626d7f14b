"""What the three reference apps share: the ORM setup and relay-style global ids."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from tortoise import Tortoise

MODELS = {
    "parties": {"models": ["sportello.parties.models"], "default_connection": "default"},
    "lodging": {"models": ["bench.reference.models"], "default_connection": "default"},
    "sales": {"models": ["bench.reference.sales_models"], "default_connection": "default"},
}


def orm_config(db_url: str) -> dict[str, Any]:
    return {"connections": {"default": db_url}, "apps": MODELS, "use_tz": True, "timezone": "UTC"}


def lifespan(db_url: str) -> Any:
    @contextlib.asynccontextmanager
    async def run(app: Any) -> AsyncIterator[None]:
        await Tortoise.init(config=orm_config(db_url), _enable_global_fallback=True)
        try:
            yield
        finally:
            await Tortoise.close_connections()

    return run


def money(value: Any) -> str:
    """An amount in a two-decimal currency, as the API shows it (the bench's are all EUR)."""
    return str(value.quantize(CENT))


CENT = Decimal("0.01")


def desc_cursor_pk(after: str | None) -> int:
    """Keyset cursors on a list in descending id order: below the last id seen."""
    return cursor_pk(after) if after else 2**31 - 1


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def cursor_pk(after: str | None) -> int:
    """Keyset cursors: ``after`` is the global id of the last row seen."""
    if not after:
        return 0
    return int(base64.b64decode(after).decode().rpartition(":")[2])


def parse_day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def room_status(occupancy: str, cleanliness: str, closed: bool) -> str:
    """The room's status as the front desk shows it (same rule as the lodging plugin)."""
    return "OUT_OF_ORDER" if closed else f"{occupancy}_{cleanliness}".upper()


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()
