"""Every hook a plugin can implement. The full reference with examples is docs/plugins.md."""

# Hookspecs are declarations that pluggy never calls: their bodies are docstrings only.
# mypy: disable-error-code="empty-body"

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy
from strawberry.types.field import StrawberryField

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from sportello.events.registry import EventHandler, EventType
    from sportello.inbound.contract import InboundMailHandler
    from sportello.notify.contract import NotificationKind, SmsAdapter
    from sportello.schedule.contract import Job

from sportello.contract import (
    Command,
    ErasureReport,
    MergeReport,
    ModelSet,
    Permission,
    PluginInfo,
    RoleSpec,
    RuntimeView,
    TypeFields,
)

hookspec = pluggy.HookspecMarker("sportello")

#: A root-type contribution: a strawberry class (every field joins) or one field.
RootContribution = type | StrawberryField


@hookspec(historic=True)
def sportello_addhooks(pm: pluggy.PluginManager) -> None:
    """Add new hookspecs so that other plugins can extend this one."""


@hookspec
def sportello_plugin_info() -> PluginInfo:
    """Name, title, version, requirements, supported core range and settings model."""


@hookspec
def sportello_models() -> ModelSet | None:
    """The plugin's Tortoise app: label, model modules, migrations package."""


@hookspec
def sportello_graphql_types() -> Sequence[type]:
    """Strawberry types to add to the schema even if no field returns them (interface members)."""


@hookspec
def sportello_graphql_queries() -> Sequence[RootContribution]:
    """Strawberry classes whose fields become root ``Query`` fields, or single fields."""


@hookspec
def sportello_graphql_mutations() -> Sequence[RootContribution]:
    """Strawberry classes whose fields become root ``Mutation`` fields, or single fields
    (``api.mutation``)."""


@hookspec
def sportello_graphql_subscriptions() -> Sequence[RootContribution]:
    """Strawberry classes whose fields become root ``Subscription`` fields, or single fields."""


@hookspec
def sportello_graphql_type_fields() -> Sequence[TypeFields]:
    """Fields this plugin adds to a type owned by the core or by another plugin."""


@hookspec
def sportello_permissions() -> Sequence[Permission]:
    """The permissions this plugin checks, e.g. ``lodging.manage``."""


@hookspec
def sportello_roles() -> Sequence[RoleSpec]:
    """Default roles or permissions to add to the built-in roles (admin, front_desk, ...)."""


@hookspec
def sportello_translations() -> Mapping[str, Mapping[str, str]]:
    """User-facing message catalogues: ``{"it": {"lodging.room_unavailable": "..."}}``."""


@hookspec
def sportello_cli_commands() -> Sequence[Command]:
    """Subcommands of the ``sportello`` command."""


@hookspec
def sportello_jobs() -> Sequence[Job]:
    """Periodic jobs (``api.Job``): timed work run once per period (a day, an hour; per site or
    for the installation) by the scheduler of whichever server process gets there first."""


@hookspec
def sportello_event_types() -> Sequence[EventType]:
    """Domain events this plugin publishes: name, version, payload description."""


@hookspec
def sportello_event_handlers() -> Sequence[EventHandler]:
    """Handlers for events published by this or other plugins."""


@hookspec
def sportello_routes(runtime: RuntimeView) -> Sequence[BaseRoute]:
    """Extra HTTP routes (webhooks in, files out). Mounted only while the plugin is enabled."""


@hookspec
def sportello_startup(runtime: RuntimeView) -> Awaitable[None] | None:
    """Called once the database is ready, before the first request. May be async."""


@hookspec
def sportello_shutdown(runtime: RuntimeView) -> Awaitable[None] | None:
    """Called when the server stops. May be async."""


@hookspec
def sportello_demo_data(runtime: RuntimeView) -> Awaitable[None] | None:
    """Fill the plugin's tables with demo data. Must be idempotent."""


@hookspec
def sportello_party_data(party_id: int) -> Awaitable[Mapping[str, Any]] | None:
    """The personal data this plugin holds about a party, for a GDPR export."""


@hookspec
def sportello_party_erase(party_id: int) -> Awaitable[ErasureReport] | None:
    """Anonymise a party's personal data; report what was erased and what law keeps."""


@hookspec
def sportello_party_merge(source_id: int, target_id: int) -> Awaitable[MergeReport] | None:
    """Move every reference the plugin holds from party ``source_id`` (merged) to party
    ``target_id`` (the survivor); report the moves. Runs inside ``partyMerge``'s transaction,
    both parties locked: raise ``ServiceError("MERGE_CONFLICT", ...)`` naming the conflict to
    refuse the whole merge, when a move would break one of the plugin's rules."""


@hookspec
def sportello_notification_kinds() -> Sequence[NotificationKind]:
    """The notification kinds this plugin sends with ``api.notify``: name, title, audience,
    channels, parameters (templates: ``notify.<kind>.subject`` and ``.body`` messages)."""


@hookspec
def sportello_sms_adapters() -> Sequence[SmsAdapter]:
    """Text-message providers by ``name``; ``[notify] sms_adapter`` chooses the one in use."""


@hookspec
def sportello_staff_member(party_id: int, site_id: int | None) -> Awaitable[bool | None] | None:
    """Whether the person works for the organisation (at ``site_id`` when given): True or
    False from the office that keeps the staff (hr), None from any other. May be async."""


@hookspec
def sportello_staff_on_duty(
    user_id: int, site_id: int, at: dt.datetime
) -> Awaitable[bool | None] | None:
    """Whether the login's person is on duty at the site at ``at``: True or False from the
    office that keeps a roster of that site, None when it keeps none there. May be async."""


@hookspec
def sportello_inbound_mail_handlers() -> Sequence[InboundMailHandler]:
    """The office's claim on inbound email (``POST /inbound/email``): handlers asked in turn,
    the office whose thread a message replies to first, until one returns the item that
    holds the message. See docs/inbound-email.md."""
