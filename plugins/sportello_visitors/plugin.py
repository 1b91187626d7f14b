"""Visitor desk: planned visitors, badge check-in with host notification, check-out, who is in."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import api
from sportello_reception.api import SiteIds
from sportello_visitors import demo, services
from sportello_visitors.graphql import mutations, queries, types
from sportello_visitors.messages import MESSAGES
from sportello_visitors.party_merge import party_merge
from sportello_visitors.settings import VisitorsSettings

VIEW, PLAN, MANAGE = "visitors.view", "visitors.plan", "visitors.manage"


def _startup(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("visitors"))


def _configure_purge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days", type=int, default=None, help="retention in days (default: retention_days)"
    )


async def _run_purge(args: argparse.Namespace, runtime: api.RuntimeView) -> int:
    services.configure(runtime.plugin_settings("visitors"))
    deleted = await services.purge(retention_days=args.days)
    print(f"visitor log: {deleted} visit(s) purged")
    return 0


office = api.Office(
    name="visitors",
    title="Visitor desk",
    version="0.1.0",
    requires=("reception",),
    description="Planned visitors, badge check-in, host notification, who is in the building.",
    settings=VisitorsSettings,
    types=[types.Visit],
    queries=[queries.VisitorsQueries],
    mutations=mutations.ALL,
    permissions={
        VIEW: "See planned visits, the visitor log and who is in",
        MANAGE: "Desk work: plan visits for any host, check visitors in and out",
        PLAN: "Pre-register (and cancel) visitors hosted by oneself",
    },
    roles={
        "front_desk": [VIEW, MANAGE, PLAN],
        "manager": [VIEW, MANAGE, PLAN],
        # Ordinary employees host visitors: they pre-register their own.
        "back_office": [VIEW, PLAN],
    },
    translations=MESSAGES,
    notifications=[services.HOST_NOTIFICATION],
    event_types=[
        api.EventType(
            services.VISITOR_ARRIVED,
            description="A visitor checked in at the desk: notify the host.",
            payload=services.VisitorArrived,
        ),
        api.EventType(
            services.VISITOR_LEFT,
            description="A visitor checked out.",
            payload=services.VisitorLeft,
        ),
    ],
    commands=[
        api.Command(
            "visitors-purge",
            "Delete visits older than the retention period ([modules.visitors] retention_days)",
            _run_purge,
            _configure_purge,
        )
    ],
    startup=_startup,
    demo=demo.load,
    party_data=services.party_data,
    party_erase=services.party_erase,
    party_merge=party_merge,
)


# Reception's hooks (reception is a declared requirement): visitors in its shared lists.
@api.hookimpl
async def sportello_reception_arrivals(site_ids: SiteIds, day: dt.date) -> Sequence[Any]:
    return await services.arrivals_for_hook(site_ids, day)


@api.hookimpl
async def sportello_reception_present(site_ids: SiteIds) -> Sequence[Any]:
    return await services.present_for_hook(site_ids)


# The CRM's 360° timeline (when the CRM is on): the visitor's visits.
@api.hookimpl(optionalhook=True)
def sportello_crm_timeline_sources() -> list[dict[str, Any]]:
    return [
        {
            "office": "visitors",
            "permission": "visitors.view",
            "sql": "SELECT expected_at AS at, 'visit.' || status AS kind,"
            " 'Visit by ' || visitor_name AS title, 'Visit' AS type_name, id AS pk, site_id,"
            " visitor_id AS party_id FROM visitors_visit",
        }
    ]
