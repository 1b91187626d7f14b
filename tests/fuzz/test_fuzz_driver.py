"""The fuzz driver's own logic (``fuzz_schema.py``, run by ``make test-fuzz``, not here): how it
tells a masked error from a typed one, finds the traceback of a request in the server log and
rewrites a generated request. Fast, without schemathesis or a server."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import fuzz_schema as fuzz
import graphql

SCHEMA = graphql.build_schema(
    (Path(__file__).resolve().parents[2] / "schema" / "schema.graphql").read_text()
)


def test_classes() -> None:
    masked = {"errors": [{"message": "Unexpected error.", "extensions": {"code": "X"}}]}
    internal = {
        "data": None,
        "errors": [{"message": "m", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}],
    }
    assert fuzz.classify(200, masked) == "masked"
    assert fuzz.classify(500, internal) == "http_5xx"
    assert fuzz.classify(200, internal) == "masked"
    assert fuzz.classify(502, None) == "http_5xx"
    assert fuzz.classify(200, None) == "malformed"
    assert fuzz.classify(400, {"errors": [{"message": "Syntax Error"}]}) == "invalid"
    bad_input = {"errors": [{"message": "m", "extensions": {"code": "BAD_USER_INPUT"}}]}
    assert fuzz.classify(200, bad_input) == "invalid"
    denied = {
        "data": {"x": None},
        "errors": [{"message": "m", "extensions": {"code": "NOT_FOUND"}}],
    }
    assert fuzz.classify(200, denied) == "typed_error"
    payload = {"data": {"siteCreate": {"site": None, "errors": [{"code": "REQUIRED"}]}}}
    assert fuzz.classify(200, payload) == "typed_error"
    assert fuzz.classify(200, {"data": {"siteCreate": {"errors": []}}}) == "ok"


LOG = """\
INFO:     127.0.0.1:5 - "POST /graphql HTTP/1.1" 200 OK
siteId: INVALID_ID
Traceback (most recent call last):
  File "x.py", line 1, in f
sportello.services.ServiceError: siteId: INVALID_ID
unexpected error in me.departments (request abc123): OperationalError
Traceback (most recent call last):
  File "a.py", line 3, in g
    raise ValueError("inner")
ValueError: inner

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "b.py", line 9, in h
tortoise.exceptions.OperationalError: for SELECT DISTINCT
Unexpected error.

GraphQL request:3:5
events: handler reception.notify failed on event 7: KeyError: 'x'
"""


def test_server_errors_and_the_traceback_of_a_request() -> None:
    errors = fuzz.find_server_errors(LOG)
    assert len(errors) == 2  # strawberry's log of an expected error is not one
    record = fuzz.for_request(errors, "abc123")
    assert record is not None
    assert record.splitlines()[-1] == "tortoise.exceptions.OperationalError: for SELECT DISTINCT"
    assert "ValueError: inner" in record
    assert fuzz.for_request(errors, "other") is None
    assert errors[1].startswith("events: handler reception.notify failed")


def test_requests_as_literals_or_variables_with_demo_ids() -> None:
    site = base64.b64encode(b"Site:1").decode()
    reservation = base64.b64encode(b"Reservation:4").decode()
    ids = {"Site": [site], "Reservation": [reservation]}
    query = 'mutation { reservationConfirm(input: {id: "zz"}) { reservation { id } } }'
    rnd = random.Random(1)  # first draw under 0.7: the ID is replaced
    lifted = fuzz.prepare(query, SCHEMA, "Mutation", lift=True, ids=ids, rnd=rnd)
    assert lifted["variables"] == {"v_input": {"id": reservation}}
    assert "reservationConfirm(input: $v_input)" in lifted["query"]
    assert "errors {\n      code\n    }" in lifted["query"]  # selected for the classes
    assert graphql.validate(SCHEMA, graphql.parse(lifted["query"])) == []
    literal = fuzz.prepare(
        "{ rooms(siteId: 7, first: 2) { totalCount } }",
        SCHEMA,
        "Query",
        lift=False,
        ids={},
        rnd=rnd,
    )
    assert literal == {"query": "{\n  rooms(siteId: 7, first: 2) {\n    totalCount\n  }\n}"}
    broken = fuzz.prepare("{ rooms(", SCHEMA, "Query", lift=True, ids=ids, rnd=rnd)
    assert broken == {"query": "{ rooms("}
