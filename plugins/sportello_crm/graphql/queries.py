"""The CRM's lists: interactions, the desk's inbox, cases; and the party's own."""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Any, cast

import strawberry
from strawberry import relay

from sportello import api
from sportello_crm import models
from sportello_crm.graphql import timeline as party_timeline
from sportello_crm.graphql.types import Case, Interaction
from sportello_crm.graphql.values import CaseKind, CaseStatus, Channel
from sportello_crm.services import _common as c
from sportello_crm.services import interactions as interaction_services


def _interactions(
    site_id: strawberry.ID | None = None,
    party_id: strawberry.ID | None = None,
    channel: Channel | None = None,
    case_id: strawberry.ID | None = None,
) -> AsyncIterable[models.Interaction]:
    qs = models.Interaction.all()
    if party_id is not None:
        qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
    if case_id is not None:
        qs = qs.filter(case_id=api.decode_id(case_id, "Case", "caseId"))
    if channel is not None:
        qs = qs.filter(channel=channel.value)
    return cast("AsyncIterable[models.Interaction]", api.for_site(qs, site_id))


def _inbox(site_id: strawberry.ID | None = None) -> AsyncIterable[models.Interaction]:
    qs = api.for_site(interaction_services.inbox(), site_id)
    return cast("AsyncIterable[models.Interaction]", qs)


async def _cases(
    info: strawberry.Info,
    status: list[CaseStatus] | None = None,
    department_id: strawberry.ID | None = None,
    site_id: strawberry.ID | None = None,
    party_id: strawberry.ID | None = None,
    kind: CaseKind | None = None,
    mine: bool = False,
    my_departments: bool = False,
) -> AsyncIterable[models.Case]:
    qs = models.Case.all()
    if my_departments:
        user = info.context.actor.user_id
        units = await api.user_department_ids(user) if user is not None else []
        qs = qs.filter(department_id__in=list(units) or [0])
    if status:
        qs = qs.filter(status__in=[s.value for s in status])
    if department_id is not None:
        qs = qs.filter(department_id=api.decode_id(department_id, "Department", "departmentId"))
    if party_id is not None:
        qs = qs.filter(party_id=api.decode_id(party_id, "Party", "partyId"))
    if kind is not None:
        qs = qs.filter(kind=kind.value)
    if mine:
        qs = qs.filter(assignee_id=info.context.actor.user_id or 0)
    return cast("AsyncIterable[models.Case]", api.for_site(qs, site_id))


@strawberry.type
class CrmQueries:
    interactions = relay.connection(
        api.Connection[Interaction],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_interactions,
        description="Interactions, newest first: of a party, a case, a channel, a site.",
    )
    interaction_inbox = relay.connection(
        api.Connection[Interaction],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_inbox,
        description="The front office's inbox: inbound interactions nobody handled, oldest first.",
    )
    cases = relay.connection(
        api.Connection[Case],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_cases,
        description=(
            "Cases, newest first: by status, by the department working on them (its queue),"
            " by party; `mine`: those the caller took; `myDepartments`: those with the"
            " departments the caller works in."
        ),
    )


def _party_interactions(root: strawberry.Parent[Any]) -> AsyncIterable[models.Interaction]:
    qs = models.Interaction.filter(party_id=root.id)
    return cast("AsyncIterable[models.Interaction]", qs)


def _party_cases(root: strawberry.Parent[Any]) -> AsyncIterable[models.Case]:
    return cast("AsyncIterable[models.Case]", models.Case.filter(party_id=root.id))


@strawberry.type
class PartyCrmFields:
    # Each of these reads only the party's id: a party loaded for them (``node(id:)``, a list
    # of parties) is read as a row, in the cached statement of its page, not as a model.
    __needs__ = {
        name: api.needs()
        for name in ("interactions", "cases", "timeline", "summary", "duplicate_candidates")
    }
    interactions = relay.connection(
        api.Connection[Interaction],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_party_interactions,
        description="The party's interactions on every channel, newest first.",
    )
    cases = relay.connection(
        api.Connection[Case],
        permission_classes=[api.requires(c.VIEW)],
        resolver=_party_cases,
        description="The party's cases, newest first.",
    )
    timeline = relay.connection(
        party_timeline.TimelineConnection,
        permission_classes=[api.requires(c.VIEW)],
        resolver=party_timeline.party_timeline,
        description=(
            "Everything every enabled office knows of the party (interactions, cases,"
            " opportunities, stays, tickets, visits...), newest first, a page at a time: one"
            " SQL statement per page whatever the offices contributing."
        ),
    )
    summary: list[party_timeline.TimelineKindCount] = strawberry.field(
        resolver=party_timeline.party_summary,
        permission_classes=[api.requires(c.VIEW)],
        description="How many entries of each kind the party has on its timeline, and the latest.",
    )
    duplicate_candidates: list[party_timeline.DuplicateCandidate] = strawberry.field(
        resolver=party_timeline.party_duplicates,
        permission_classes=[api.requires(c.DESK)],
        description=(
            "Parties that may be this one: the same email, tax code or phone, or a name that"
            " reads alike; best first (`first`: at most 50)."
        ),
        metadata=api.list_size(50),
    )
