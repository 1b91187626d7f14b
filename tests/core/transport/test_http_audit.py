"""The GraphQL-over-HTTP audit of graphql-http (``auditServer``) against a live server.

Every MUST (an audit "error") and every SHOULD (a "warn") passes; a MAY may be declined (a
"notice"). The audit's probes are anonymous (``{ __typename }``, ``__type(name:)``): the server
answers them without a token, in debug mode and in production mode alike. ``__type`` is an
introspection field, which production disables by default (a validation error, so the MUST
"allow map {variables}" could not pass): the production run turns introspection on and keeps
the rest of production mode (no IDE, masked errors, no field suggestions).
"""

from __future__ import annotations

import json

import pytest
from jsclients import node_script, require_node

WAIT = 120.0  # seconds for the whole audit (a few dozen requests)


@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
async def test_graphql_over_http_audit(sportello_app, debug: bool) -> None:
    require_node()  # before starting a server
    graphql = {"introspection": True}
    async with sportello_app(live=True, debug=debug, graphql=graphql) as h:
        async with node_script("audit.mjs", f"{h.base_url}/graphql") as js:
            results = await js.rest(WAIT)
    assert len(results) > 40, results  # the audit ran, not an empty list
    failing = [r for r in results if r["status"] in ("error", "warn")]
    for result in failing:
        print(json.dumps(result, indent=2))
    assert not failing, "graphql-http audit failures:\n" + "\n".join(
        f"{r['status'].upper()} {r['id']} {r['name']}: {r.get('reason')} "
        f"(HTTP {r.get('httpStatus')}, {r.get('contentType')}, body {r.get('body')!r})"
        for r in failing
    )
