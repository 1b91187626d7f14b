from __future__ import annotations

from collections.abc import AsyncGenerator
from types import SimpleNamespace

import strawberry
from graphql import GraphQLError

from sportello import api
from sportello_counter import models, services
from sportello_counter.graphql.types import DisplayCall, HallDisplayUpdate, ServiceWaiting


async def _waiting(site_id: int, counts: dict[str, int]) -> list[ServiceWaiting]:
    return [
        ServiceWaiting(
            service_id=strawberry.ID(api.encode_id("CounterService", s.id)),
            name=s.name,
            prefix=s.prefix,
            waiting=int(counts.get(str(s.id), 0)),
        )
        for s in await models.CounterService.filter(site_id=site_id, active=True)
    ]


async def _hall_display(
    info: strawberry.Info, display_token: str
) -> AsyncGenerator[HallDisplayUpdate, None]:
    found = await services.display_token(display_token)
    if found is None:
        raise GraphQLError("Invalid display token", extensions={"code": "UNAUTHENTICATED"})
    token_id, site_id = found
    # The display sees its own site only, whoever opened the connection.
    display = api.Actor(kind="display", site_ids=frozenset({site_id}))
    scoped = SimpleNamespace(context=SimpleNamespace(runtime=info.context.runtime, actor=display))
    recent = [
        DisplayCall(ticket_number=code, counter_name=name, called_at=at)
        for code, name, at in await services.recent_calls(site_id)
    ]
    keep = services.settings().display_recent_calls
    yield HallDisplayUpdate(
        kind="snapshot",
        ticket_number=None,
        counter_name=None,
        service_id=None,
        waiting=await _waiting(site_id, await services.waiting_counts(site_id)),
        recent=list(recent),
        chime=False,
    )
    names = [*services.EVENTS, services.DISPLAY_TOKEN_REVOKED]
    async for event in api.subscribe(scoped, names):
        if event.site_id != site_id:
            continue
        # The token is checked again on every event (revoking one publishes an event of
        # its site): a revoked display gets a last "revoked" update and the stream ends.
        if not await services.display_token_valid(token_id):
            yield HallDisplayUpdate(
                kind="revoked",
                ticket_number=None,
                counter_name=None,
                service_id=None,
                waiting=[],
                recent=[],
                chime=False,
            )
            return
        if event.name == services.DISPLAY_TOKEN_REVOKED:
            continue  # another display's token
        payload = event.payload
        chime = event.name == services.TICKET_CALLED
        if chime:  # a call (or a recall) goes to the top of the list, once
            number = payload.get("number") or ""
            recent = [c for c in recent if c.ticket_number != number]
            call = DisplayCall(
                ticket_number=number,
                counter_name=payload.get("counter_name"),
                called_at=event.occurred_at,
            )
            recent = [call, *recent][:keep]
        yield HallDisplayUpdate(
            kind=event.name.rsplit(".", 1)[-1],
            ticket_number=payload.get("number"),
            counter_name=payload.get("counter_name"),
            service_id=strawberry.ID(api.encode_id("CounterService", payload["service_id"])),
            waiting=await _waiting(site_id, payload.get("waiting") or {}),
            recent=list(recent),
            chime=chime,
        )


@strawberry.type
class CounterSubscriptions:
    hall_display = strawberry.subscription(
        resolver=_hall_display,
        permission_classes=[api.Public],
        description=(
            "The hall display of one site: ticket calls ('A012 -> counter 3'), the last calls,"
            " a chime cue and the waiting counts per service. Authenticated by a display token"
            " (displayTokenCreate), not a user."
        ),
    )
