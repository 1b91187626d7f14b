"""``Party.timeline`` and ``Party.summary``: what every enabled office knows of a party."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import strawberry

from sportello import api
from sportello_crm.hookspecs import TIMELINE_HOOK
from sportello_crm.services import timeline


@strawberry.type(description="One thing that happened with a party, in any office.")
class TimelineEntry:
    at: dt.datetime
    kind: str = strawberry.field(
        description="What it is: interaction.phone, case.complaint, opportunity.open, stay..."
    )
    title: str
    object_type: str = strawberry.field(description="The GraphQL type of the record.")
    object_id: strawberry.ID = strawberry.field(description="Its global id: node(id:) reads it.")


@strawberry.type(description="How many entries of one kind a party has, and the latest.")
class TimelineKindCount:
    kind: str
    count: int
    last_at: dt.datetime


#: Timeline entries are no nodes: the connection pages them all the same (a ``PagedSource``),
#: but strawberry bounds ``Connection``'s type parameter to ``Node``.
TimelineConnection: Any = api.Connection[TimelineEntry]  # type: ignore[type-var]


async def _sources(info: strawberry.Info) -> list[Mapping[str, Any]]:
    found: list[Mapping[str, Any]] = []
    for contributed in await info.context.runtime.call_async(TIMELINE_HOOK):
        found.extend(contributed or ())
    return timeline.visible_sources(found, info.context.actor)


@dataclass
class TimelinePage:
    """A party's timeline as its connection pages it (an ``api.PagedSource``)."""

    party_id: int
    actor: api.Actor
    sources: Sequence[Mapping[str, Any]]

    async def count(self) -> int:
        return await timeline.count(self.sources, self.party_id, self.actor)

    async def fetch(self, info: strawberry.Info, offset: int, limit: int) -> list[Any]:
        rows = await timeline.page(self.sources, self.party_id, self.actor, offset, limit)
        return [
            TimelineEntry(
                at=r.at,
                kind=r.kind,
                title=r.title,
                object_type=r.type_name,
                object_id=api.encode_id(r.type_name, r.pk),
            )
            for r in rows
        ]


async def party_timeline(
    root: strawberry.Parent[Any], info: strawberry.Info
) -> AsyncIterable[TimelineEntry]:
    # A PagedSource, which the connection pages; strawberry wants an iterable annotation.
    page = TimelinePage(int(root.id), info.context.actor, await _sources(info))
    return cast("AsyncIterable[TimelineEntry]", page)


async def party_summary(
    root: strawberry.Parent[Any], info: strawberry.Info
) -> list[TimelineKindCount]:
    rows = await timeline.summary(await _sources(info), int(root.id), info.context.actor)
    return [TimelineKindCount(kind=r.kind, count=r.count, last_at=r.last_at) for r in rows]


@strawberry.type(description="A party that may be the same person or organisation.")
class DuplicateCandidate:
    party: api.Party
    score: int = strawberry.field(description="0-100: 100 for the same email or tax code.")
    reasons: list[str] = strawberry.field(description="email, tax_code, phone, name")


def _party_fields(info: strawberry.Info) -> list[Any]:
    """What the query selects on each candidate's ``party``."""
    selected = [s for f in info.selected_fields for s in f.selections]
    found: list[Any] = api.selections_at(selected, ("party",))
    return found


async def party_duplicates(
    root: strawberry.Parent[Any], info: strawberry.Info, first: int = 10
) -> list[DuplicateCandidate]:
    from sportello_crm.services import duplicates

    found = await duplicates.candidates(info.context.actor, int(root.id), min(max(first, 1), 50))
    if not found:
        return []
    parties = await api.load_selected(
        api.PartyModel.filter(id__in=[c.party_id for c in found]), info, api.Party, _party_fields
    )
    by_id = {p.id: p for p in parties}
    return [
        DuplicateCandidate(party=by_id[c.party_id], score=c.score, reasons=list(c.reasons))
        for c in found
        if c.party_id in by_id
    ]
