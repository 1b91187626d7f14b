from __future__ import annotations

import dataclasses

import strawberry

from sportello.graphql.mutations import mutation
from sportello.sla import models, services
from sportello.sla.graphql.mutations._common import SlaPolicyPayload, decode_rules
from sportello.sla.graphql.types import SlaDeadlineKind


@strawberry.input(description="A null rule matches anything. Give at least one target.")
class SlaPolicyCreateInput:
    name: str
    active: bool = True
    position: int = strawberry.field(
        default=100, description="Lower goes first when several policies match."
    )
    office: str | None = None
    category: str | None = None
    priority: str | None = None
    channel: str | None = None
    party_id: strawberry.ID | None = None
    department_id: strawberry.ID | None = None
    first_response_minutes: int | None = strawberry.field(
        default=None, description="Business minutes to the first response."
    )
    resolution_minutes: int | None = strawberry.field(
        default=None, description="Business minutes to resolution."
    )
    deadline_days: int | None = strawberry.field(
        default=None, description="A legal deadline instead of resolutionMinutes."
    )
    deadline_kind: SlaDeadlineKind | None = None
    warn_before_percent: int | None = strawberry.field(
        default=None, description="Warn when this share of a target is left (1-99)."
    )
    warn_before_minutes: int | None = strawberry.field(
        default=None, description="Or warn this many minutes before a target is due."
    )


@mutation(services.MANAGE, SlaPolicyPayload, description="Define an SLA policy.")
async def sla_policy_create(info: strawberry.Info, input: SlaPolicyCreateInput) -> models.SlaPolicy:
    values = decode_rules(dataclasses.asdict(input))
    return await services.create_policy(info.context.actor, **values)
