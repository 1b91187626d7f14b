from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import Annotated, Any, cast

import strawberry
from graphql import GraphQLError

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.asset_types import ItAsset, ItAssetKind
from sportello_itsupport.graphql.kb_types import KbArticle
from sportello_itsupport.graphql.types import (
    SupportCategory,
    SupportTicket,
    SupportTicketStatus,
)

VIEW = "itsupport.view"


def _tickets(
    status: SupportTicketStatus | None,
    team_id: strawberry.ID | None,
    agent_id: strawberry.ID | None = None,
    site_id: strawberry.ID | None = None,
) -> Any:
    qs = api.for_site(models.Ticket.all(), site_id)
    if status is not None:
        qs = qs.filter(status=status.value)
    if team_id is not None:
        qs = qs.filter(team_id=api.decode_id(team_id, "Department", "teamId"))
    if agent_id is not None:
        qs = qs.filter(agent_id=api.decode_id(agent_id, "User", "agentId"))
    return qs


@strawberry.type(description="Tickets counted for one team, category or agent (or in total).")
class SupportReportRow:
    id: strawberry.ID | None = strawberry.field(
        description="The team (Department), category or agent (User); empty: none or total."
    )
    tickets: int
    open: int
    resolved: int
    sla_met: int = strawberry.field(description="Resolved without missing a target.")
    breached: int = strawberry.field(description="Missed a target (resolved or not).")
    avg_response_minutes: float | None
    avg_resolution_minutes: float | None
    avg_satisfaction: float | None


@strawberry.type(description="The backlog now, and the tickets opened in the period.")
class SupportReport:
    backlog_by_team: list[SupportReportRow]
    backlog_by_category: list[SupportReportRow]
    by_team: list[SupportReportRow]
    by_category: list[SupportReportRow]
    by_agent: list[SupportReportRow]
    total: SupportReportRow


def _row(row: services.ReportRow, type_name: str | None) -> SupportReportRow:
    key = None if row.key is None or type_name is None else api.encode_id(type_name, row.key)
    return SupportReportRow(
        id=key,
        tickets=row.tickets,
        open=row.open,
        resolved=row.resolved,
        sla_met=row.sla_met,
        breached=row.breached,
        avg_response_minutes=row.avg_response_minutes,
        avg_resolution_minutes=row.avg_resolution_minutes,
        avg_satisfaction=row.avg_satisfaction,
    )


def _kb_selections(info: strawberry.Info) -> list[Any]:
    return api.node_selections(info)


@dataclass(frozen=True)
class KbSearch:
    """Search results as the connection pages them, best match first (an api.PagedSource)."""

    query: services.Query

    async def count(self) -> int:
        return await services.search_count(self.query)

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]:
        ids = await services.search_ids(self.query, offset, limit)
        if not ids:
            return []
        rows = await api.load_selected(
            models.KbArticle.filter(id__in=ids), info, KbArticle, _kb_selections
        )
        by_id = {row.id: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]


@strawberry.type
class ItSupportQueries:
    @api.connection(
        api.Connection[SupportTicket],
        VIEW,
        description=(
            "Tickets, newest first; `breached` and `dueWithinMinutes` make the views, `assetId`"
            " lists the tickets about one asset."
        ),
    )
    def support_tickets(
        self,
        info: strawberry.Info,
        status: SupportTicketStatus | None = None,
        team_id: strawberry.ID | None = None,
        agent_id: strawberry.ID | None = None,
        site_id: strawberry.ID | None = None,
        breached: bool | None = None,
        due_within_minutes: int | None = None,
        asset_id: strawberry.ID | None = None,
    ) -> AsyncIterable[models.Ticket]:
        qs = _tickets(status, team_id, agent_id, site_id)
        if asset_id is not None:
            asset = api.decode_id(asset_id, "ItAsset", "assetId")
            qs = qs.filter(asset_links__asset_id=asset)  # one link per (ticket, asset)
        if breached is not None:
            qs = qs.filter(breached_at__isnull=not breached)
        if due_within_minutes is not None:
            limit = services.now() + dt.timedelta(minutes=max(0, due_within_minutes))
            qs = qs.filter(status__in=models.ACTIVE, due_at__lte=limit).order_by("due_at", "id")
        return cast(AsyncIterable[models.Ticket], qs)

    @api.connection(
        api.Connection[SupportTicket],
        VIEW,
        description=(
            "Tickets still being worked on whose next target is due within the configured"
            " minutes (or already past), soonest first."
        ),
    )
    def support_tickets_due_soon(
        self, team_id: strawberry.ID | None = None
    ) -> AsyncIterable[models.Ticket]:
        limit = services.now() + dt.timedelta(minutes=services.settings().due_soon_minutes)
        qs = _tickets(None, team_id).filter(status__in=models.ACTIVE, due_at__lte=limit)
        return cast(AsyncIterable[models.Ticket], qs.order_by("due_at", "id"))

    @api.connection(
        api.Connection[SupportTicket],
        VIEW,
        description="Tickets that missed a target and are still being worked on.",
    )
    def support_tickets_breached(
        self, team_id: strawberry.ID | None = None
    ) -> AsyncIterable[models.Ticket]:
        qs = _tickets(None, team_id).filter(status__in=models.ACTIVE, breached_at__not_isnull=True)
        return cast(AsyncIterable[models.Ticket], qs.order_by("breached_at", "id"))

    @api.connection(api.Connection[SupportCategory], VIEW)
    def support_categories(self) -> AsyncIterable[models.Category]:
        return cast(AsyncIterable[models.Category], models.Category.filter(active=True))

    @api.connection(api.Connection[ItAsset], VIEW, description="Assets by tag.")
    def assets(
        self, kind: ItAssetKind | None = None, site_id: strawberry.ID | None = None
    ) -> AsyncIterable[models.Asset]:
        qs = api.for_site(models.Asset.all(), site_id)
        if kind is not None:
            qs = qs.filter(kind=kind.value)
        return cast(AsyncIterable[models.Asset], qs.order_by("tag", "id"))

    @api.connection(
        api.Connection[KbArticle],
        api.Public,
        description=(
            "Knowledge-base articles the caller may read (public ones for everyone). With"
            " `search`, every word must match, best first, with the database's full-text"
            " engine (PostgreSQL: the article language's stemming)."
        ),
    )
    def kb_articles(
        self,
        info: strawberry.Info,
        search: str | None = None,
        language: str | None = None,
    ) -> AsyncIterable[models.KbArticle]:
        actor = info.context.actor
        if search is not None and search.strip():
            query = services.Query(actor, search, language=language)
            return cast(AsyncIterable[models.KbArticle], KbSearch(query))
        qs = services.visible_articles(models.KbArticle.all(), actor)
        if language is not None:
            qs = qs.filter(translations__language=language)
        return cast(AsyncIterable[models.KbArticle], qs.order_by("-updated_at", "-id"))

    @strawberry.field(  # type: ignore[untyped-decorator]  # strawberry's field with metadata
        permission_classes=[api.requires("itsupport.request")],
        metadata=api.list_size(10),
        description=(
            "Articles that may answer a ticket being written (its subject and description):"
            " any word matches, best first; at most 10."
        ),
    )
    async def kb_suggestions(
        self, info: strawberry.Info, text: str, first: int = 5
    ) -> list[KbArticle]:
        query = services.Query(info.context.actor, text, any_word=True)
        ids = await services.search_ids(query, 0, max(1, min(first, 10)))
        if not ids:
            return []
        rows = await api.load_list(models.KbArticle.filter(id__in=ids), info, KbArticle)
        by_id = {row.id: row for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    @api.query(VIEW, description="Backlog, response and resolution times, SLA met, per agent.")
    async def support_report(
        self,
        info: strawberry.Info,
        from_: Annotated[dt.datetime, strawberry.argument(name="from")],
        to: dt.datetime,
    ) -> SupportReport:
        try:
            found = await services.report(info.context.actor, from_, to)
        except api.ServiceError as exc:
            problem = exc.problems[0]
            raise GraphQLError(
                f"Invalid argument {problem.field}: {problem.code}",
                extensions={"code": "BAD_USER_INPUT", "field": problem.field},
            ) from None
        return SupportReport(
            backlog_by_team=[_row(r, "Department") for r in found.backlog_by_team],
            backlog_by_category=[_row(r, "SupportCategory") for r in found.backlog_by_category],
            by_team=[_row(r, "Department") for r in found.by_team],
            by_category=[_row(r, "SupportCategory") for r in found.by_category],
            by_agent=[_row(r, "User") for r in found.by_agent],
            total=_row(found.total, None),
        )
