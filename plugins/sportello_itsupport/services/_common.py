"""What every aggregate shares: the clock of now (tests move it), the settings, names, and
small helpers. Read ``now()`` and ``settings()`` at call time so that pinning reaches all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from sportello import api
from sportello_itsupport.settings import ItSupportSettings

OFFICE = "itsupport"
ITEM = "ticket"

VIEW = "itsupport.view"
REQUEST = "itsupport.request"
WORK = "itsupport.work"
MANAGE = "itsupport.manage"

_settings = ItSupportSettings()


def configure(settings: ItSupportSettings | None) -> None:
    """Called at startup with the validated ``[modules.itsupport]`` table."""
    global _settings
    _settings = settings or ItSupportSettings()


def settings() -> ItSupportSettings:
    return _settings


def now() -> dt.datetime:
    """Current time (UTC); tests pin it by setting ``services.now`` (this function)."""
    return dt.datetime.now(dt.UTC)


def reference(number: int) -> str:
    """The ticket's printed reference: IT-000042."""
    return f"{_settings.reference_prefix}-{number:06d}"


def dialect(conn: BaseDBAsyncClient) -> str:
    return str(getattr(getattr(conn, "capabilities", None), "dialect", "sqlite"))


def mark(conn: BaseDBAsyncClient, n: int) -> str:
    """The n-th (1-based) query parameter's placeholder for the connection's database."""
    return f"${n}" if dialect(conn) == "postgres" else "?"


def not_found(field: str | None) -> api.ServiceError:
    return api.ServiceError("NOT_FOUND", "core.not_found", field)


def require_text(value: str, field: str, limit: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise api.ServiceError("REQUIRED", "core.required", field)
    if limit is not None and len(text) > limit:
        raise api.ServiceError("TOO_LONG", "itsupport.too_long", field, limit=limit)
    return text


def default_site(actor: api.Actor, site_id: int | None) -> int | None:
    """The site a new record belongs to: the one given (the actor must work there), else the
    actor's only site, else none (the whole organisation)."""
    if site_id is not None:
        if not actor.may_see_site(site_id):
            raise not_found("siteId")
        return site_id
    if actor.site_ids is not None and len(actor.site_ids) == 1:
        return next(iter(actor.site_ids))
    return None


def plain(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
