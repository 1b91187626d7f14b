"""Who works on a ticket: a team, and an agent of it (manual, round robin or least loaded).

Each team has one ``itsupport_team_queue`` row. Choosing an agent starts with ``UPDATE
itsupport_team_queue SET handed_out = handed_out + 1 WHERE team_id = ? RETURNING handed_out``
in the assigning transaction: the row lock serialises the choices of one team on PostgreSQL (the
single connection does on SQLite), so round robin hands the n-th ticket to member n mod size
(30 concurrent tickets over three agents: 10 each), and least loaded counts the open tickets
after the previous choice committed.
"""

from __future__ import annotations

from collections import Counter

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.functions import Count

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import MANAGE, mark, not_found, settings
from sportello_itsupport.settings import ASSIGNMENTS


async def require_team(team_id: int, site_id: int | None, field: str = "teamId") -> None:
    """An active unit serving the ticket's site."""
    if not await api.department_exists(team_id, site_id):
        raise not_found(field)


async def ensure_queue(team_id: int) -> m.TeamQueue:
    """The team's queue row, created race-free (UNIQUE team) with the office's default mode."""
    row = await m.TeamQueue.filter(team_id=team_id).first()
    if row is not None:
        return row
    try:
        async with api.atomic():
            return await m.TeamQueue.create(team_id=team_id, assignment=settings().assignment)
    except IntegrityError:
        return await m.TeamQueue.get(team_id=team_id)


async def configure_team(actor: api.Actor, team_id: int, assignment: str) -> m.TeamQueue:
    """Set how a team hands out its tickets."""
    api.require(actor.has(MANAGE), "FORBIDDEN", "itsupport.forbidden", "teamId")
    if assignment not in ASSIGNMENTS:
        raise api.ServiceError("INVALID", "itsupport.invalid_assignment", "assignment")
    await require_team(team_id, None)
    queue = await ensure_queue(team_id)
    async with api.atomic():
        await m.TeamQueue.filter(id=queue.id).update(assignment=assignment)
        queue.assignment = assignment
        await api.record(
            actor, "supportTeamConfigure", queue, after={"assignment": assignment}, site_ids=[]
        )
    return queue


async def _advance(conn: BaseDBAsyncClient, team_id: int) -> int:
    rows = await conn.execute_query_dict(
        "UPDATE itsupport_team_queue SET handed_out = handed_out + 1 "
        f"WHERE team_id = {mark(conn, 1)} RETURNING handed_out",
        [team_id],
    )
    return int(rows[0]["handed_out"])


async def pick_agent(conn: BaseDBAsyncClient, team_id: int) -> int | None:
    """The agent the team's mode gives the next ticket (None: manual, or nobody in the team).
    Call inside the assigning transaction, after ``ensure_queue``."""
    queue = await m.TeamQueue.get(team_id=team_id)
    if queue.assignment == "manual":
        return None
    members = await agents_of(team_id)
    if not members:
        return None
    position = await _advance(conn, team_id)  # locks the team's row until commit
    if queue.assignment == "round_robin":
        return members[(position - 1) % len(members)]
    rows = (
        await m.Ticket.filter(team_id=team_id, agent_id__in=members, status__in=m.ACTIVE)
        .annotate(n=Count("id"))
        .group_by("agent_id")
        .values_list("agent_id", "n")
    )
    load = Counter({int(agent): int(n) for agent, n in rows})
    # Fewest open tickets; among equals, the next in round-robin order.
    start = (position - 1) % len(members)
    rotated = members[start:] + members[:start]
    return min(rotated, key=lambda agent: load.get(agent, 0))


async def agents_of(team_id: int) -> list[int]:
    """Who takes the team's tickets: its members, the lead aside (the lead is who escalations
    reach); a team of a lead alone gives them to the lead."""
    everyone = set(await api.department_member_ids(team_id))
    agents = everyone - set(await api.department_manager_ids(team_id))
    return sorted(agents or everyone)


async def require_agent(agent_id: int, team_id: int | None) -> None:
    """An active user working in the team (any active user when there is no team)."""
    if team_id is not None:
        if agent_id not in await api.department_member_ids(team_id):
            raise api.ServiceError("NOT_IN_TEAM", "itsupport.not_in_team", "agentId")
    elif not await api.user_exists(agent_id):
        raise not_found("agentId")
