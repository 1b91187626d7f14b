from __future__ import annotations

import strawberry

from sportello.graphql.ids import decode_optional
from sportello.graphql.mutations import mutation, payload
from sportello.notify import services
from sportello.notify.core import core_of
from sportello.notify.graphql.queries import kinds_view
from sportello.notify.graphql.types import NotificationKind, NotifyError


@strawberry.input
class NotificationKindSettingUpdateInput:
    kind: str = strawberry.field(description="The kind's name, e.g. visitors.visitor_arrived.")
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="Null: the whole organisation (every site without its own)."
    )
    enabled: bool


NotificationKindSettingUpdatePayload = payload(
    NotificationKind, errors=NotifyError, name="NotificationKindSettingUpdatePayload"
)


@mutation(
    "notify.manage",
    NotificationKindSettingUpdatePayload,
    description="Switch a kind of notification on or off at a site, or organisation-wide.",
)
async def notification_kind_setting_update(
    info: strawberry.Info, input: NotificationKindSettingUpdateInput
) -> NotificationKind:
    site_id = decode_optional(input.site_id, "Site", "siteId")
    kinds = core_of(info.context.runtime).kinds
    await services.set_kind_enabled(info.context.actor, kinds, input.kind, site_id, input.enabled)
    [view] = [
        k
        for k in kinds_view(info, await services.settings_by_kind(), site_id)
        if k.name == input.kind
    ]
    return view
