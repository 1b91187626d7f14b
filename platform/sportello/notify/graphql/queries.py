from __future__ import annotations

from collections.abc import AsyncIterable

import strawberry

from sportello.graphql import typed
from sportello.graphql.ids import decode_optional, encode_id
from sportello.graphql.limits import list_size
from sportello.graphql.relay import Connection
from sportello.identity.permissions import Authenticated, require_site, requires
from sportello.notify import models, services
from sportello.notify.core import core_of
from sportello.notify.graphql.types import (
    NotificationAudience,
    NotificationChannel,
    NotificationDeliveryNode,
    NotificationDeliveryStatus,
    NotificationKind,
    NotificationKindOverride,
    NotificationNode,
)


def kinds_view(
    info: strawberry.Info, by_kind: dict[str, dict[str, bool]], site_id: int | None
) -> list[NotificationKind]:
    core = core_of(info.context.runtime)
    out = []
    for name in sorted(core.kinds):
        kind = core.kinds[name]
        scopes = by_kind.get(name, {})
        out.append(
            NotificationKind(
                name=name,
                title=kind.title,
                description=kind.description,
                office=core.owners[name],
                audience=NotificationAudience(kind.audience),
                channels=[NotificationChannel(c) for c in kind.channels],
                params=list(kind.params),
                default_enabled=kind.default_enabled,
                enabled=services.effective(kind, scopes, site_id),
                overrides=[
                    NotificationKindOverride(
                        site_id=strawberry.ID(encode_id("Site", int(scope))) if scope else None,
                        enabled=enabled,
                    )
                    for scope, enabled in sorted(scopes.items())
                    if not scope or info.context.actor.may_see_site(int(scope))
                ],
            )
        )
    return out


@strawberry.type
class NotifyQueries:
    @typed.connection(
        Connection[NotificationNode],
        permission_classes=[Authenticated],
        description="Your in-app notifications, newest first.",
    )
    def notifications(
        self, info: strawberry.Info, unread_only: bool = False
    ) -> AsyncIterable[models.Notification]:
        qs = models.Notification.filter(user_id=info.context.actor.user_id or 0)
        if unread_only:
            qs = qs.filter(read_at=None)
        return qs.order_by("-id")

    @typed.connection(
        Connection[NotificationDeliveryNode],
        permission_classes=[requires("notify.view")],
        description="The delivery log, newest first, for the sites you see.",
    )
    def notification_deliveries(
        self,
        info: strawberry.Info,
        status: NotificationDeliveryStatus | None = None,
        kind: str | None = None,
        channel: NotificationChannel | None = None,
    ) -> AsyncIterable[models.Delivery]:
        qs = models.Delivery.all()
        if status is not None:
            qs = qs.filter(status=status.value)
        if kind is not None:
            qs = qs.filter(kind=kind)
        if channel is not None:
            qs = qs.filter(channel=channel.value)
        return qs.order_by("-id")

    @typed.field(
        permission_classes=[requires("notify.view")],
        metadata=list_size(200),
        description=(
            "Every kind of notification the enabled offices send; `enabled` says whether it is"
            " sent at siteId (or organisation-wide without one)."
        ),
    )
    async def notification_kinds(
        self, info: strawberry.Info, site_id: strawberry.ID | None = None
    ) -> list[NotificationKind]:
        site = decode_optional(site_id, "Site", "siteId")
        if site is not None:
            require_site(info.context.actor, site)
        return kinds_view(info, await services.settings_by_kind(), site)
