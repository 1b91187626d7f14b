from __future__ import annotations

import strawberry

from sportello_visitors.graphql.types import Visit, VisitorsError


@strawberry.type
class VisitPayload:
    visit: Visit | None = None
    errors: list[VisitorsError] = strawberry.field(default_factory=list)  # type: ignore[valid-type]
