from __future__ import annotations

from typing import Any

import strawberry

from sportello.graphql.ids import decode_id
from sportello.graphql.mutations import mutation
from sportello.sla import models, services
from sportello.sla.graphql.mutations._common import SlaPolicyPayload, decode_rules
from sportello.sla.graphql.types import SlaDeadlineKind
from sportello.sla.services.policies import FIELDS


@strawberry.input(
    description=(
        "Only the fields given change; a rule or target given as null is cleared. Open clocks"
        " keep their targets until their item is reassessed."
    )
)
class SlaPolicyUpdateInput:
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    active: bool | None = strawberry.UNSET
    position: int | None = strawberry.UNSET
    office: str | None = strawberry.UNSET
    category: str | None = strawberry.UNSET
    priority: str | None = strawberry.UNSET
    channel: str | None = strawberry.UNSET
    party_id: strawberry.ID | None = strawberry.UNSET
    department_id: strawberry.ID | None = strawberry.UNSET
    first_response_minutes: int | None = strawberry.UNSET
    resolution_minutes: int | None = strawberry.UNSET
    deadline_days: int | None = strawberry.UNSET
    deadline_kind: SlaDeadlineKind | None = strawberry.UNSET
    warn_before_percent: int | None = strawberry.UNSET
    warn_before_minutes: int | None = strawberry.UNSET


@mutation(services.MANAGE, SlaPolicyPayload, description="Change an SLA policy.")
async def sla_policy_update(info: strawberry.Info, input: SlaPolicyUpdateInput) -> models.SlaPolicy:
    given: dict[str, Any] = {
        name: getattr(input, name)
        for name in FIELDS
        if getattr(input, name) is not strawberry.UNSET
    }
    policy_id = decode_id(input.id, "SlaPolicy", "id")
    return await services.update_policy(info.context.actor, policy_id, decode_rules(given))
