"""The hall display is public (a token, not a user): its tokens and what it may see are kept
apart from the staff's work so that unauthenticated surface stays small and reviewable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from pydantic import BaseModel, Field

from sportello import api
from sportello_counter import models as m
from sportello_counter.services._common import _require_site, settings, site_today

DISPLAY_TOKEN_REVOKED = "counter.display_token.revoked"


class DisplayTokenRevoked(BaseModel):
    """Payload of ``counter.display_token.revoked``: displays using the token stop."""

    token_id: int = Field(description="The revoked token's id")


async def waiting_counts(site_id: int) -> dict[str, int]:
    """Tickets waiting today (site-local) per service id (as strings, for event payloads)."""
    rows = await m.Ticket.filter(
        site_id=site_id, status=m.WAITING, day=await site_today(site_id)
    ).values_list("service_id", flat=True)
    counts: dict[str, int] = {}
    for sid in rows:
        counts[str(sid)] = counts.get(str(sid), 0) + 1
    return counts


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


async def create_display_token(
    actor: api.Actor, site_id: int, label: str = ""
) -> tuple[str, m.DisplayToken]:
    """A new display token; the raw value is returned once and stored only as a digest."""
    _require_site(actor, site_id)
    async with api.atomic():
        if not await api.SiteModel.filter(id=site_id).exists():
            raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
        raw = "disp_" + secrets.token_urlsafe(32)
        token = await m.DisplayToken.create(site_id=site_id, digest=_digest(raw), label=label)
        await api.record(actor, "displayTokenCreate", token, after={"label": label})
    return raw, token


async def revoke_display_token(actor: api.Actor, token_id: int) -> m.DisplayToken:
    """Revoke a display token: hall displays using it stop (``counter.display_token.revoked``)."""
    token = await m.DisplayToken.filter(id=token_id).first()
    if token is None or not actor.may_see_site(token.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    async with api.atomic():
        done = await m.DisplayToken.filter(id=token.id, revoked=False).update(revoked=True)
        if done != 1:
            raise api.ServiceError("INVALID_TRANSITION", "counter.token_revoked", "id")
        token = await m.DisplayToken.get(id=token.id)
        await api.record(
            actor, "displayTokenRevoke", token, before={"revoked": False}, after={"revoked": True}
        )
        await api.publish(
            DISPLAY_TOKEN_REVOKED,
            DisplayTokenRevoked(token_id=token.id),
            aggregate=f"display_token:{token.id}",
            site_id=token.site_id,
        )
    return token


async def display_token(raw: str | None) -> tuple[int, int] | None:
    """(token id, site id) of a valid display token, or None when unknown or revoked."""
    if not raw:
        return None
    token = await m.DisplayToken.filter(digest=_digest(raw), revoked=False).first()
    return (token.id, token.site_id) if token else None


async def display_site(raw: str | None) -> int | None:
    """The site a display token is scoped to, or None when it is unknown or revoked."""
    found = await display_token(raw)
    return found[1] if found else None


async def recent_calls(site_id: int) -> list[tuple[str, str | None, dt.datetime | None]]:
    """The last ``display_recent_calls`` calls of today at the site, newest first:
    (ticket number, counter name, called at). Two queries."""
    limit = settings().display_recent_calls
    if limit == 0:
        return []
    rows = (
        await m.Ticket.filter(
            site_id=site_id, day=await site_today(site_id), called_at__not_isnull=True
        )
        .order_by("-called_at", "-id")
        .limit(limit)
        .values_list("code", "counter_id", "called_at")
    )
    names = dict(
        await m.Counter.filter(id__in={c for _, c, _ in rows if c is not None}).values_list(
            "id", "name"
        )
    )
    return [(code, names.get(counter_id), at) for code, counter_id, at in rows]


async def display_token_valid(token_id: int) -> bool:
    return await m.DisplayToken.filter(id=token_id, revoked=False).exists()
