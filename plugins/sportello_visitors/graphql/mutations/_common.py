from __future__ import annotations

from sportello import api
from sportello_visitors.graphql.types import Visit, VisitorsError

#: What every visit mutation answers: the visit, or ``errors``.
VisitPayload = api.payload(Visit, errors=VisitorsError)
