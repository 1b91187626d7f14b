"""IT support's business rules, by aggregate (free of GraphQL, transactional)."""

import datetime as dt

from sportello_itsupport.services import _common
from sportello_itsupport.services._common import configure, reference, settings
from sportello_itsupport.services.assets import (
    HOLDER_TYPES,
    asset_row,
    assign_asset,
    create_asset,
    relate,
    release_assignment,
)
from sportello_itsupport.services.assignment import configure_team
from sportello_itsupport.services.catalogue import create_category
from sportello_itsupport.services.clock import clock_of, load_clocks
from sportello_itsupport.services.escalation import HANDLERS
from sportello_itsupport.services.events import EVENT_TYPES
from sportello_itsupport.services.kb import create_article, update_article, visible_articles
from sportello_itsupport.services.kb_search import Query, search_count, search_ids
from sportello_itsupport.services.lifecycle import merge, rate, reply, set_parent, set_status
from sportello_itsupport.services.mail import mail_received
from sportello_itsupport.services.notices import KINDS
from sportello_itsupport.services.reports import Report, ReportRow, report
from sportello_itsupport.services.tickets import (
    MAX_ASSETS,
    assign,
    create_ticket,
    priority_of,
    ticket_for,
    update_ticket,
)


def now() -> dt.datetime:
    """The office's clock (``_common.now``, which tests pin), read at call time."""
    return _common.now()


__all__ = [
    "EVENT_TYPES",
    "HANDLERS",
    "HOLDER_TYPES",
    "KINDS",
    "MAX_ASSETS",
    "Query",
    "Report",
    "ReportRow",
    "assign",
    "asset_row",
    "assign_asset",
    "clock_of",
    "configure",
    "configure_team",
    "create_article",
    "create_asset",
    "create_category",
    "create_ticket",
    "load_clocks",
    "mail_received",
    "merge",
    "now",
    "priority_of",
    "rate",
    "reference",
    "relate",
    "release_assignment",
    "reply",
    "report",
    "search_count",
    "search_ids",
    "set_parent",
    "set_status",
    "settings",
    "ticket_for",
    "update_article",
    "update_ticket",
    "visible_articles",
]
