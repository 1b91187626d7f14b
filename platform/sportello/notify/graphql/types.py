from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry import relay

from sportello.graphql import typed
from sportello.graphql.errors import UserError, error_codes, error_type
from sportello.graphql.ids import encode_id
from sportello.graphql.limits import list_size
from sportello.graphql.loading import needs
from sportello.graphql.relay import ModelNode
from sportello.identity.permissions import AUTHENTICATED
from sportello.notify import models

NotifyErrorCode = error_codes("NotifyErrorCode")
if TYPE_CHECKING:  # what error_type() builds at run time, declared for mypy

    @strawberry.type
    class NotifyError(UserError):
        code: enum.Enum

else:
    NotifyError = error_type("NotifyError", NotifyErrorCode)


@strawberry.enum(description="How a notification reaches people.")
class NotificationChannel(enum.Enum):
    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"


@strawberry.enum(description="What became of a delivery.")
class NotificationDeliveryStatus(enum.Enum):
    QUEUED = models.QUEUED
    SENT = models.SENT
    FAILED = models.FAILED
    SKIPPED = models.SKIPPED
    CANCELLED = models.CANCELLED


@strawberry.enum(description="Who a kind of notification is for.")
class NotificationAudience(enum.Enum):
    STAFF = "staff"
    PARTY = "party"
    REQUESTED = "requested"


def _gid(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(encode_id(type_name, pk))


@strawberry.type(name="Notification", description="A notification in your in-app inbox.")
class NotificationNode(ModelNode):
    __model__ = models.Notification
    __permission__ = AUTHENTICATED
    __needs__ = {"read": needs("read_at")}

    id: relay.NodeID[int]
    kind: str
    title: str
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> Any:
        """Only your own: ``node(id:)`` never shows another user's notification."""
        return models.Notification.filter(user_id=info.context.actor.user_id or 0)

    @typed.field(description="True once you marked it read.")
    def read(self) -> bool:
        return self.read_at is not None


@strawberry.type(name="NotificationAttempt", description="One attempt to send a delivery.")
class NotificationAttempt:
    number: int
    at: dt.datetime
    ok: bool
    error_class: str | None = strawberry.field(
        description="Why it failed: connection, timeout, auth_failed, tls, rejected, "
        "recipient_refused, temporary, not_configured, error..."
    )
    latency_ms: int


async def load_attempts(deliveries: list[Any]) -> None:
    """Every attempt of a page of deliveries in one query."""
    found: dict[int, list[Any]] = {d.id: [] for d in deliveries}
    for row in await models.DeliveryAttempt.filter(delivery_id__in=list(found)).order_by(
        "delivery_id", "number", "id"
    ):
        found[row.delivery_id].append(row)
    for delivery in deliveries:
        delivery.attempts_loaded = found[delivery.id]


async def _now(obj: Any) -> list[Any]:
    await load_attempts([obj])
    found: list[Any] = obj.attempts_loaded
    return found


@strawberry.type(
    name="NotificationDelivery",
    description="One notification to one recipient on one channel: the delivery log.",
)
class NotificationDeliveryNode(ModelNode):
    __model__ = models.Delivery
    __permission__ = "notify.view"
    __site_field__ = "site_id"
    __needs__ = {
        "attempt_log": needs(batch=load_attempts),
        "user_id": needs("user_id"),
        "party_id": needs("party_id"),
        "site_id": needs("site_id"),
    }

    id: relay.NodeID[int]
    kind: str
    channel: NotificationChannel
    status: NotificationDeliveryStatus
    address: str | None = strawberry.field(description="The email address or phone number.")
    language: str
    subject: str
    attempts: int
    next_attempt_at: dt.datetime | None
    error_class: str | None = strawberry.field(
        description="Why the last attempt failed, or why it was skipped (no_consent, no_address)."
    )
    sent_at: dt.datetime | None
    created_at: dt.datetime

    @typed.field(description="The recipient user, for staff.")
    def user_id(self) -> strawberry.ID | None:
        return _gid("User", self.user_id)  # type: ignore[arg-type]  # the row's column

    @typed.field(description="The recipient party (a user's own party for staff).")
    def party_id(self) -> strawberry.ID | None:
        return _gid("Party", self.party_id)  # type: ignore[arg-type]  # the row's column

    @typed.field()
    def site_id(self) -> strawberry.ID | None:
        return _gid("Site", self.site_id)  # type: ignore[arg-type]  # the row's column

    @typed.field(description="Every attempt, oldest first.", metadata=list_size(50))
    def attempt_log(self) -> list[NotificationAttempt]:
        rows: list[NotificationAttempt] | None = getattr(self, "attempts_loaded", None)
        if rows is None:
            return _now(self)  # type: ignore[return-value]  # awaited by strawberry
        return rows


@strawberry.type(description="A kind switched on or off at one site, or organisation-wide.")
class NotificationKindOverride:
    site_id: strawberry.ID | None = strawberry.field(description="Null: the whole organisation.")
    enabled: bool


@strawberry.type(description="Something an office tells people, and where it is switched off.")
class NotificationKind:
    name: str
    title: str
    description: str
    office: str
    audience: NotificationAudience
    channels: list[NotificationChannel] = strawberry.field(metadata=list_size(3))
    params: list[str] = strawberry.field(metadata=list_size(20))
    default_enabled: bool
    enabled: bool = strawberry.field(
        description="Whether it is sent at the site asked for (or organisation-wide)."
    )
    overrides: list[NotificationKindOverride] = strawberry.field(
        metadata=list_size(20), description="Where it is switched on or off explicitly."
    )
