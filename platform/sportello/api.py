"""The one import surface for offices: built-in and third-party plugins import from here.

Everything a plugin needs is a name of this module; every other module of the core is
internal and may change between minor versions (docs/plugins.md, "Compatibility").
"""

from __future__ import annotations

from sportello import CORE_API_VERSION, hookimpl
from sportello.calendars.business_time import BusinessTime, NeverOpen
from sportello.calendars.graphql.types import BusinessCalendar, Weekday
from sportello.calendars.services import business_time, business_times, calendar_business_times
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
from sportello.events import Event, EventHandler, EventType, publish, subscribe
from sportello.events.registry import AlreadyApplied, EventPayloadError
from sportello.graphql import rowquery
from sportello.graphql.errors import COMMON_CODES, UserError, error_codes, error_type, errors_of
from sportello.graphql.ids import decode_id, decode_optional, encode_id
from sportello.graphql.limits import list_size
from sportello.graphql.loading import Needs, follow, needs
from sportello.graphql.mutations import connection, mutation, office_errors, payload, query
from sportello.graphql.nodebase import SiteScope
from sportello.graphql.plugin import find_node
from sportello.graphql.related import related
from sportello.graphql.relay import (
    Connection,
    ModelNode,
    PagedSource,
    for_site,
    load_list,
    load_selected,
    node_selections,
    scope_to_sites,
    scoped,
    selections_at,
)
from sportello.hookspecs import hookspec
from sportello.i18n import SUPPORTED as LANGUAGES
from sportello.identity.audit import record
from sportello.identity.permissions import (
    AUTHENTICATED,
    PUBLIC,
    Authenticated,
    PermissionDenied,
    Public,
    require_site,
    requires,
)
from sportello.identity.services import user_exists, user_party_ids
from sportello.inbound.contract import (
    InboundAttachment,
    InboundEmail,
    InboundMailHandler,
    MailThread,
)
from sportello.inbound.services import add_thread as mail_thread_add
from sportello.inbound.services import find_thread as mail_thread_find
from sportello.inbound.services import new_message_id as mail_message_id
from sportello.notify.contract import NotificationKind, SmsAdapter, SmsError
from sportello.notify.services import NotificationError, notify, notify_cancel, notify_erase
from sportello.office import Office
from sportello.org.graphql.types import Department
from sportello.org.services import (
    department_exists,
    department_manager_ids,
    department_member_ids,
    user_department_ids,
)
from sportello.org.staff import staff_member, staff_on_duty
from sportello.parties.graphql.types import Party, Site
from sportello.parties.models import Party as PartyModel
from sportello.parties.models import Site as SiteModel
from sportello.parties.services import (
    find_or_create_person,
    link_party_to_site,
    lock_live_party,
    may_see_party,
    party_site_backfill,
    require_party,
    visible_parties,
)
from sportello.parties.services.consents import consenting_parties
from sportello.parties.services.merge import move_references as move_party_references
from sportello.parties.timezones import day_windows, local_days, site_zones, zone
from sportello.pdf import FONT as PDF_FONT
from sportello.pdf import font_files as pdf_font_files
from sportello.privacy import ERASED
from sportello.schedule.contract import Job, JobRun
from sportello.schedule.services import cancel_timer, schedule_at
from sportello.services import (
    ANONYMOUS,
    SYSTEM,
    Actor,
    Problem,
    ServiceError,
    atomic,
    get_or_error,
    require,
)
from sportello.sla.columns import due_column as sla_due_column
from sportello.sla.graphql.types import SlaClock
from sportello.sla.models import SlaClock as ClockInfo
from sportello.sla.services import CLOCK_BREACHED as SLA_CLOCK_BREACHED
from sportello.sla.services import CLOCK_WARNING as SLA_CLOCK_WARNING
from sportello.sla.services import get as sla_clock
from sportello.sla.services import get_many as sla_clocks
from sportello.sla.services import pause as sla_pause
from sportello.sla.services import reassess as sla_reassess
from sportello.sla.services import resolve as sla_resolve
from sportello.sla.services import respond as sla_respond
from sportello.sla.services import restart as sla_restart
from sportello.sla.services import resume as sla_resume
from sportello.sla.services import start as sla_start
from sportello.sla.services import stop as sla_stop

#: Model references for foreign keys to the core's models: ``ForeignKeyField(PARTY, ...)``.
PARTY = "parties.Party"
SITE = "parties.Site"
DEPARTMENT = "org.Department"
BUSINESS_CALENDAR = "calendars.BusinessCalendar"


__all__ = [
    "PDF_FONT",
    "pdf_font_files",
    "ANONYMOUS",
    "AUTHENTICATED",
    "PUBLIC",
    "BUSINESS_CALENDAR",
    "COMMON_CODES",
    "CORE_API_VERSION",
    "DEPARTMENT",
    "ERASED",
    "LANGUAGES",
    "PARTY",
    "SITE",
    "SLA_CLOCK_BREACHED",
    "SLA_CLOCK_WARNING",
    "SYSTEM",
    "Actor",
    "AlreadyApplied",
    "Authenticated",
    "BusinessCalendar",
    "BusinessTime",
    "ClockInfo",
    "Command",
    "Connection",
    "Department",
    "ErasureReport",
    "MergeReport",
    "Event",
    "EventHandler",
    "EventPayloadError",
    "EventType",
    "InboundAttachment",
    "InboundEmail",
    "InboundMailHandler",
    "Job",
    "JobRun",
    "MailThread",
    "ModelNode",
    "ModelSet",
    "NotificationError",
    "NotificationKind",
    "Needs",
    "NeverOpen",
    "Office",
    "PagedSource",
    "Party",
    "PartyModel",
    "Permission",
    "PermissionDenied",
    "PluginInfo",
    "Problem",
    "Public",
    "RoleSpec",
    "RuntimeView",
    "ServiceError",
    "Site",
    "SiteModel",
    "SiteScope",
    "SlaClock",
    "SmsAdapter",
    "SmsError",
    "TypeFields",
    "UserError",
    "atomic",
    "business_time",
    "business_times",
    "cancel_timer",
    "calendar_business_times",
    "connection",
    "consenting_parties",
    "day_windows",
    "decode_id",
    "decode_optional",
    "find_node",
    "department_exists",
    "department_manager_ids",
    "department_member_ids",
    "encode_id",
    "error_codes",
    "error_type",
    "errors_of",
    "find_or_create_person",
    "follow",
    "for_site",
    "get_or_error",
    "hookimpl",
    "hookspec",
    "list_size",
    "load_list",
    "load_selected",
    "link_party_to_site",
    "local_days",
    "mail_message_id",
    "mail_thread_add",
    "mail_thread_find",
    "lock_live_party",
    "may_see_party",
    "move_party_references",
    "mutation",
    "needs",
    "node_selections",
    "notify",
    "notify_cancel",
    "notify_erase",
    "office_errors",
    "party_site_backfill",
    "payload",
    "publish",
    "query",
    "record",
    "related",
    "require",
    "require_party",
    "require_site",
    "requires",
    "rowquery",
    "schedule_at",
    "scope_to_sites",
    "scoped",
    "selections_at",
    "site_zones",
    "sla_clock",
    "sla_clocks",
    "sla_due_column",
    "sla_pause",
    "sla_reassess",
    "sla_resolve",
    "sla_respond",
    "sla_restart",
    "sla_resume",
    "sla_start",
    "sla_stop",
    "staff_member",
    "staff_on_duty",
    "subscribe",
    "user_department_ids",
    "user_exists",
    "user_party_ids",
    "Weekday",
    "visible_parties",
    "zone",
]
