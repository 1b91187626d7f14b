"""Hardening: limits refuse an operation before any resolver runs; errors are masked."""

from __future__ import annotations

import logging

from identity_helpers import PROBE

from sportello.settings import GraphQLSettings

LIMITS = GraphQLSettings(
    max_depth=4, max_aliases=3, max_tokens=200, max_directives=3, max_cost=60, max_page_size=10
)


def nested(depth: int) -> str:
    """``probe { next { ... n } }`` reaching ``depth`` levels."""
    body = "n"
    for _ in range(depth - 1):
        body = f"next {{ {body} }}"
    return f"{{ probe {{ {body} }} }}"


def refused(result: dict) -> bool:
    return result.get("data") is None and bool(result.get("errors"))


async def test_limits_refuse_before_any_resolver(sportello_app, probe_calls) -> None:
    async with sportello_app(["probe"], plugins=[PROBE], graphql=LIMITS) as h:
        ok = await h.gql(nested(4), as_=None)
        assert not ok.get("errors"), ok
        assert probe_calls
        cases = {
            "depth": nested(5),
            "aliases": "{ a: probe { n } b: probe { n } c: probe { n } d: probe { n } }",
            "tokens": "{ probe { " + " ".join(["n"] * 250) + " } }",
            "directives": "{ probe { n @include(if: true) n @include(if: true) "
            "n @skip(if: false) n @skip(if: false) } }",
            "cost": "{ probe { items(first: 10) { items(first: 10) { n } } } }",
            "cost without first": "{ probe { items { items { n } } } }",
        }
        for label, query in cases.items():
            probe_calls.clear()
            result = await h.gql(query, as_=None)
            assert refused(result), (label, result)
            assert probe_calls == [], label
        cost = await h.gql(cases["cost"], as_=None)
        assert cost["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        cheap = await h.gql("{ probe { items(first: 2) { items(first: 2) { n } } } }", as_=None)
        assert not cheap.get("errors"), cheap


async def test_unexpected_error_is_masked_with_a_request_id(
    production_app, probe_calls, caplog
) -> None:
    async with production_app(["probe"], plugins=[PROBE]) as h:
        with caplog.at_level(logging.ERROR, logger="sportello.graphql"):
            response = await h.client.post("/graphql", json={"query": "{ boom }"})
        body = response.json()
        assert probe_calls == ["boom"]
        [error] = body["errors"]
        assert error["message"] == "Unexpected error."
        request_id = error["extensions"]["requestId"]
        assert request_id and response.headers["x-request-id"] == request_id
        text = response.text
        for leak in ("secret", "SELECT", "/srv", "Traceback", "RuntimeError", "password_hash"):
            assert leak not in text
        logged = [r for r in caplog.records if request_id in r.getMessage()]
        assert logged and logged[0].exc_info is not None
        # Expected errors (permission, validation) keep their message.
        denied = await h.gql("{ parties { edges { node { id } } } }", as_=None)
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_production_hides_schema_and_refuses_get_mutations(production_app) -> None:
    async with production_app(["probe"], plugins=[PROBE]) as h:
        intro = await h.gql("{ __schema { types { name } } }", as_=None)
        assert intro.get("errors") and not intro.get("data")
        typo = await h.gql("{ prob { n } }", as_=None)
        assert "Did you mean" not in typo["errors"][0]["message"]
        get = await h.client.get(
            "/graphql",
            params={
                "query": 'mutation { tokenCreate(input: {email: "a@b.cd", password: "x"}) '
                "{ accessToken } }"
            },
        )
        assert get.status_code in (400, 405)
        ide = await h.client.get("/graphql", headers={"accept": "text/html"})
        assert "graphiql" not in ide.text.lower()
        batch = await h.client.post("/graphql", json=[{"query": "{ me { kind } }"}] * 2)
        assert batch.status_code == 400


async def test_batching_and_cors_follow_the_config(sportello_app) -> None:
    async with sportello_app(
        ["probe"],
        plugins=[PROBE],
        graphql=GraphQLSettings(batching=True),
        cors_origins=["https://desk.example"],
    ) as h:
        batch = await h.client.post("/graphql", json=[{"query": "{ probe { n } }"}] * 2)
        assert batch.status_code == 200 and len(batch.json()) == 2
        preflight = await h.client.options(
            "/graphql",
            headers={
                "origin": "https://desk.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == "https://desk.example"
        evil = await h.client.options(
            "/graphql",
            headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
        )
        assert evil.headers.get("access-control-allow-origin") != "https://evil.example"
