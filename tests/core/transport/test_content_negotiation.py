"""GraphQL over HTTP: ``application/graphql-response+json`` for clients that ask for it.

Under that media type a request error (the document does not parse or validate, the variables
do not coerce) answers 400 with no ``data`` entry. Clients that ask for ``application/json``,
for ``*/*`` or for nothing keep today's answer: 200, ``application/json``, ``"data": null``.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sportello.graphql.wire import response_media_type

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"

PARSE_ERROR = {"query": "{"}
VALIDATION_ERROR = {"query": "{ noSuchField }"}
COERCION_ERROR = {
    "query": "query($name: String!) { __type(name: $name) { name } }",
    "variables": {"name": None},
}
REQUEST_ERRORS = {
    "parse": PARSE_ERROR,
    "validation": VALIDATION_ERROR,
    "variables": COERCION_ERROR,
}


async def _post(h: Any, body: dict[str, Any], accept: str | None, **headers: str) -> httpx.Response:
    if accept is not None:
        headers["accept"] = accept
    return await h.client.post("/graphql", json=body, headers=headers)


@pytest.mark.parametrize("case", sorted(REQUEST_ERRORS))
async def test_request_error_is_400_without_data_when_asked(sportello_app, case: str) -> None:
    async with sportello_app() as h:
        response = await _post(h, REQUEST_ERRORS[case], GRAPHQL_RESPONSE_JSON)
        assert response.status_code == 400, response.text
        assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
        body = response.json()
        assert "data" not in body, body
        assert body["errors"] and body["errors"][0]["message"]
        assert response.headers["x-request-id"]


@pytest.mark.parametrize("accept", ["application/json", "*/*", None, "text/html"])
@pytest.mark.parametrize("case", sorted(REQUEST_ERRORS))
async def test_request_error_is_unchanged_for_json_clients(
    sportello_app, case: str, accept: str | None
) -> None:
    async with sportello_app() as h:
        response = await _post(h, REQUEST_ERRORS[case], accept)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert body["data"] is None and body["errors"], body


async def test_success_and_partial_responses_are_200(sportello_app) -> None:
    """``data`` present (even null after a field error): a response, not a request error."""
    async with sportello_app() as h:
        ok = await _post(h, {"query": "{ __typename }"}, GRAPHQL_RESPONSE_JSON)
        assert ok.status_code == 200, ok.text
        assert ok.headers["content-type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
        assert ok.json() == {"data": {"__typename": "Query"}}

        # An anonymous caller: a field error on a nullable field keeps the rest of the data.
        partial = await _post(
            h, {"query": '{ __typename partyDataExport(id: "x") }'}, GRAPHQL_RESPONSE_JSON
        )
        assert partial.status_code == 200, partial.text
        body = partial.json()
        assert body["data"] == {"__typename": "Query", "partyDataExport": None}
        assert body["errors"][0]["path"] == ["partyDataExport"]

        # A field error on a non-null root field: data is null, still a partial response.
        null = await _post(
            h, {"query": "{ users(first: 1) { edges { node { id } } } }"}, GRAPHQL_RESPONSE_JSON
        )
        assert null.status_code == 200, null.text
        body = null.json()
        assert "data" in body and body["data"] is None
        assert body["errors"][0]["path"] == ["users"]


async def test_get_queries_negotiate_too(sportello_app) -> None:
    async with sportello_app() as h:
        ok = await h.client.get(
            "/graphql",
            params={"query": "{ __typename }"},
            headers={"accept": GRAPHQL_RESPONSE_JSON},
        )
        assert ok.status_code == 200, ok.text
        assert ok.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
        bad = await h.client.get(
            "/graphql", params={"query": "{ nope }"}, headers={"accept": GRAPHQL_RESPONSE_JSON}
        )
        assert bad.status_code == 400, bad.text
        assert "data" not in bad.json()
        plain = await h.client.get(
            "/graphql", params={"query": "{ nope }"}, headers={"accept": "application/json"}
        )
        assert plain.status_code == 200 and plain.json()["data"] is None


async def test_invalid_token_is_401_either_way(sportello_app) -> None:
    async with sportello_app() as h:
        auth = {"authorization": "Bearer not-a-real-token"}
        strict = await _post(h, {"query": "{ __typename }"}, GRAPHQL_RESPONSE_JSON, **auth)
        assert strict.status_code == 401, strict.text
        assert strict.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
        assert strict.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
        body = strict.json()
        assert "data" not in body
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

        legacy = await _post(h, {"query": "{ __typename }"}, "application/json", **auth)
        assert legacy.status_code == 401, legacy.text
        assert legacy.headers["content-type"] == "application/json"
        assert legacy.json()["data"] is None


async def test_authenticated_request_keeps_request_id(sportello_app) -> None:
    async with sportello_app() as h:
        token = await h.token(roles=["admin"])
        response = await _post(
            h,
            {"query": "{ me { email } }"},
            GRAPHQL_RESPONSE_JSON,
            authorization=f"Bearer {token}",
            **{"x-request-id": "transport-test-0001"},
        )
        assert response.status_code == 200, response.text
        # The server's own id (a client's X-Request-ID is kept apart, never echoed as ours).
        assert response.headers["x-request-id"] not in ("", "transport-test-0001")
        assert response.json()["data"]["me"]["email"]


async def test_batches_stay_application_json(sportello_app) -> None:
    """A batch is an array, not one GraphQL response: application/json and 200 as before."""
    async with sportello_app(graphql={"batching": True}) as h:
        response = await h.client.post(
            "/graphql",
            json=[{"query": "{ __typename }"}, {"query": "{ nope }"}],
            headers={"accept": GRAPHQL_RESPONSE_JSON},
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        first, second = response.json()
        assert first == {"data": {"__typename": "Query"}}
        assert second["data"] is None and second["errors"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        ("text/html", "application/json"),
        (GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON),
        (f"{GRAPHQL_RESPONSE_JSON}, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
        (f"application/json, {GRAPHQL_RESPONSE_JSON}", GRAPHQL_RESPONSE_JSON),
        (f"{GRAPHQL_RESPONSE_JSON};q=0.5, application/json", "application/json"),
        (f"{GRAPHQL_RESPONSE_JSON};q=0, */*", "application/json"),
        (f"{GRAPHQL_RESPONSE_JSON}, */*", GRAPHQL_RESPONSE_JSON),
        (f"application/json;q=0.2, {GRAPHQL_RESPONSE_JSON.upper()};q=0.8", GRAPHQL_RESPONSE_JSON),
    ],
)
def test_response_media_type(accept: str | None, expected: str) -> None:
    assert response_media_type(accept) == expected
