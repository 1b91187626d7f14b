"""Visitor desk: planned visitors, badge check-in with host notification, check-out, who is in."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sportello import hookimpl
from sportello.cli import Command
from sportello.events import EventType
from sportello.identity.permissions import Permission, RoleSpec
from sportello.plugininfo import ModelSet, PluginInfo
from sportello_visitors import demo, services
from sportello_visitors.graphql import mutations, queries, types
from sportello_visitors.messages import MESSAGES
from sportello_visitors.settings import VisitorsSettings


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="visitors",
        title="Visitor desk",
        version="0.1.0",
        requires=("reception",),
        description="Planned visitors, badge check-in, host notification, who is in the building.",
        settings=VisitorsSettings,
    )


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("visitors", ("sportello_visitors.models",), "sportello_visitors.migrations")


@hookimpl
def sportello_startup(runtime: Any) -> None:
    services.configure(runtime.plugin_settings("visitors"))


@hookimpl
def sportello_graphql_types() -> list[type]:
    return [types.Visit]


@hookimpl
def sportello_graphql_queries() -> list[type]:
    return [queries.VisitorsQueries]


@hookimpl
def sportello_graphql_mutations() -> list[type]:
    return list(mutations.ALL)


@hookimpl
def sportello_permissions() -> list[Permission]:
    return [
        Permission("visitors.view", "See planned visits, the visitor log and who is in"),
        Permission(
            "visitors.manage", "Desk work: plan visits for any host, check visitors in and out"
        ),
        Permission("visitors.plan", "Pre-register (and cancel) visitors hosted by oneself"),
    ]


@hookimpl
def sportello_roles() -> list[RoleSpec]:
    return [
        RoleSpec("front_desk", ("visitors.view", "visitors.manage", "visitors.plan")),
        RoleSpec("manager", ("visitors.view", "visitors.manage", "visitors.plan")),
        # Ordinary employees host visitors: they pre-register their own.
        RoleSpec("back_office", ("visitors.view", "visitors.plan")),
    ]


@hookimpl
def sportello_translations() -> dict[str, dict[str, str]]:
    return MESSAGES


@hookimpl
def sportello_event_types() -> list[EventType]:
    return [
        EventType(
            services.VISITOR_ARRIVED,
            description="A visitor checked in at the desk: notify the host.",
            payload={
                "visit_id": "int",
                "host_party_id": "int",
                "visitor_name": "str",
                "company": "str",
                "badge_number": "str",
                "arrived_at": "ISO datetime",
            },
        ),
        EventType(
            services.VISITOR_LEFT,
            description="A visitor checked out.",
            payload={"visit_id": "int", "host_party_id": "int", "badge_number": "str"},
        ),
    ]


def _configure_purge(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--days", type=int, default=None, help="retention in days (default: retention_days)"
    )


async def _run_purge(args: argparse.Namespace, runtime: Any) -> int:
    services.configure(runtime.plugin_settings("visitors"))
    deleted = await services.purge(retention_days=args.days)
    print(f"visitor log: {deleted} visit(s) purged")
    return 0


@hookimpl
def sportello_cli_commands() -> list[Command]:
    return [
        Command(
            "visitors-purge",
            "Delete visits older than the retention period ([modules.visitors] retention_days)",
            _run_purge,
            _configure_purge,
        )
    ]


@hookimpl
async def sportello_reception_arrivals(
    site_ids: frozenset[int] | None, day: dt.date
) -> Sequence[Any]:
    return await services.arrivals_for_hook(site_ids, day)


@hookimpl
async def sportello_reception_present(site_ids: frozenset[int] | None) -> Sequence[Any]:
    return await services.present_for_hook(site_ids)


@hookimpl
async def sportello_party_data(party_id: int) -> dict[str, Any]:
    return await services.party_data(party_id)


@hookimpl
async def sportello_party_erase(party_id: int) -> Any:
    return await services.party_erase(party_id)


@hookimpl
async def sportello_demo_data(runtime: Any) -> None:
    await demo.load()
