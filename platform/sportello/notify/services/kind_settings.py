"""Kinds switched off (or on) for the whole organisation or for one site."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from sportello.identity.audit import record
from sportello.identity.permissions import require_site
from sportello.notify import models
from sportello.notify.contract import NotificationKind
from sportello.parties.models import Site
from sportello.services import Actor, ServiceError, atomic


def scope_of(site_id: int | None) -> str:
    return "" if site_id is None else str(site_id)


def effective(kind: NotificationKind, by_scope: dict[str, bool], site_id: int | None) -> bool:
    """The site's own switch, else the organisation's, else the kind's default."""
    scope = scope_of(site_id)
    if scope in by_scope:
        return by_scope[scope]
    return by_scope.get("", kind.default_enabled)


async def kind_enabled(kind: NotificationKind, site_id: int | None) -> bool:
    scopes = list({"", scope_of(site_id)})
    rows = await models.KindSetting.filter(kind=kind.name, scope__in=scopes).values(
        "scope", "enabled"
    )
    return effective(kind, {r["scope"]: bool(r["enabled"]) for r in rows}, site_id)


async def settings_by_kind() -> dict[str, dict[str, bool]]:
    out: dict[str, dict[str, bool]] = {}
    for r in await models.KindSetting.all().values("kind", "scope", "enabled"):
        out.setdefault(r["kind"], {})[r["scope"]] = bool(r["enabled"])
    return out


async def set_kind_enabled(
    actor: Actor, kinds: dict[str, NotificationKind], kind: str, site_id: int | None, enabled: bool
) -> NotificationKind:
    """Switch ``kind`` on or off at ``site_id`` (None: the whole organisation, which only an
    actor of every site may do)."""
    decl = kinds.get(kind)
    if decl is None:
        raise ServiceError("NOT_FOUND", "notify.unknown_kind", "kind")
    if site_id is None:
        if actor.site_ids is not None:
            raise ServiceError("FORBIDDEN", "notify.organisation_wide", "siteId")
    else:
        require_site(actor, site_id)
    scope = scope_of(site_id)
    async with atomic():
        if site_id is not None and not await Site.filter(id=site_id).exists():
            raise ServiceError("NOT_FOUND", "core.not_found", "siteId")
        updated = await models.KindSetting.filter(kind=kind, scope=scope).update(enabled=enabled)
        if not updated:
            try:
                async with atomic():  # a savepoint: a concurrent insert loses, then updates
                    await models.KindSetting.create(
                        kind=kind, scope=scope, site_id=site_id, enabled=enabled
                    )
            except IntegrityError:
                await models.KindSetting.filter(kind=kind, scope=scope).update(enabled=enabled)
        await record(
            actor,
            "notificationKindSettingUpdate",
            object_type="NotificationKind",
            object_id=kind,
            after={"kind": kind, "site_id": site_id, "enabled": enabled},
            site_id=site_id,
        )
    return decl
