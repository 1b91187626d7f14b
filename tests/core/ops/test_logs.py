"""One JSON line per request: its id (the one the client got), the operation's name and type,
the user by id, the outcome and the duration; never a token, a password or an email address,
even when the query carries one as a literal."""

from __future__ import annotations

import io
import json
import logging

import opsprobe
import structlog

from sportello.identity.services import create_user
from sportello.ops import logs
from sportello.services import SYSTEM
from sportello.settings import Settings

EMAIL = "night.porter@example.org"
PASSWORD = "correct-horse-battery-staple"
LOG_IN = """mutation LogIn {
  tokenCreate(input: {email: "%s", password: "%s"}) { accessToken refreshToken errors { code } }
}"""


async def test_a_request_line_carries_its_id_operation_and_duration_but_no_secret(
    sportello_app, log_lines
) -> None:
    async with sportello_app(debug=False) as h:
        user = await create_user(SYSTEM, EMAIL, PASSWORD, roles=["admin"], all_sites=True)
        wrong = await h.client.post("/graphql", json={"query": LOG_IN % (EMAIL, "hunter2-guess")})
        right = await h.client.post("/graphql", json={"query": LOG_IN % (EMAIL, PASSWORD)})
        tokens = right.json()["data"]["tokenCreate"]
        assert tokens["accessToken"] and tokens["refreshToken"]
        me = await h.client.post(
            "/graphql",
            json={"query": "query WhoAmI { me { email } }"},
            headers={"authorization": f"Bearer {tokens['accessToken']}"},
        )
        assert me.json()["data"]["me"]["email"] == EMAIL
        # A query that does not validate: its text (with the password) is logged nowhere.
        typo = await h.client.post(
            "/graphql",
            json={"query": LOG_IN.replace("errors {", "mistakes {") % (EMAIL, "hunter2-typo")},
        )
        assert typo.json()["errors"]

    [line] = log_lines.of(wrong.headers["x-request-id"])
    assert line["event"] == "request" and line["logger"] == "sportello.access"
    assert line["operation"] == "LogIn" and line["operation_type"] == "mutation"
    assert line["outcome"] == "rejected" and line["refusals"] == ["INVALID_CREDENTIALS"]
    assert line["method"] == "POST" and line["path"] == "/graphql" and line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["sql"] > 0 and line["level"] == "info" and line["timestamp"].endswith("Z")

    [line] = log_lines.of(right.headers["x-request-id"])
    assert (line["operation"], line["outcome"]) == ("LogIn", "ok")

    [line] = log_lines.of(me.headers["x-request-id"])
    assert (line["operation"], line["operation_type"]) == ("WhoAmI", "query")
    assert line["user_id"] == user.id and line["actor"] == "user"

    [line] = log_lines.of(typo.headers["x-request-id"])
    assert line["errors"] == ["GRAPHQL_VALIDATION_FAILED"] and line["outcome"] == "error"

    secrets = (PASSWORD, "hunter2", tokens["accessToken"], tokens["refreshToken"], EMAIL)
    for secret in secrets:
        assert secret not in log_lines.text


async def test_the_client_error_and_the_log_line_name_the_same_request(
    sportello_app, log_lines
) -> None:
    limits = {"max_request_bytes": 4096}
    async with sportello_app(["opsprobe"], [opsprobe], debug=False, server=limits) as h:
        boom = await h.client.post("/graphql", json={"query": "query Explode { boom }"})
        big = await h.client.post("/graphql", json={"query": "{ __typename }", "pad": "x" * 5000})
        revoked = await h.client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"authorization": "Bearer not-a-token"},
        )
        garbled = await h.client.post(
            "/graphql", content=b"{not json", headers={"content-type": "application/json"}
        )
        health = await h.client.get("/health")

    error = boom.json()["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    request_id = error["extensions"]["requestId"]
    assert boom.headers["x-request-id"] == request_id
    lines = log_lines.of(request_id)
    # The request line and the traceback's line, both under the client's request id.
    [request] = [line for line in lines if line["event"] == "request"]
    assert request["operation"] == "Explode" and request["outcome"] == "failed"
    assert request["errors"] == ["INTERNAL_SERVER_ERROR"]
    [traceback] = [line for line in lines if line["logger"] == "sportello.graphql"]
    assert traceback["level"] == "error" and "RuntimeError" in traceback["exception"]

    assert revoked.status_code == 401
    rejected = revoked.json()["errors"][0]["extensions"]
    [line] = log_lines.of(rejected["requestId"])
    assert line["status"] == 401 and line["errors"] == ["UNAUTHENTICATED"]
    assert line["outcome"] == "error" and "operation" not in line

    assert garbled.status_code == 400
    refused = garbled.json()["errors"][0]["extensions"]
    assert refused["requestId"] == garbled.headers["x-request-id"]
    [line] = log_lines.of(refused["requestId"])
    assert line["errors"] == ["BAD_REQUEST"] and line["status"] == 400

    assert big.status_code == 413
    refused = big.json()["errors"][0]["extensions"]
    [line] = log_lines.of(refused["requestId"])
    assert line["errors"] == ["PAYLOAD_TOO_LARGE"] and line["status"] == 413

    # Probes get an id too; their line is written at debug level only.
    assert health.headers["x-request-id"] and not log_lines.of(health.headers["x-request-id"])


def test_debug_writes_lines_for_people() -> None:
    assert Settings(debug=True).log_format == "console"
    assert Settings(debug=False).log_format == "json"
    assert Settings(debug=True, logging={"format": "json"}).log_format == "json"
    stream = io.StringIO()
    record = logging.LogRecord("sportello.access", logging.INFO, __file__, 1, "request", (), None)
    record.sportello_fields = {"request_id": "abc123", "operation": "WhoAmI"}  # type: ignore[attr-defined]
    logs.handler("console", stream).handle(record)
    text = stream.getvalue()
    assert "request" in text and "request_id=abc123" in text and "operation=WhoAmI" in text
    assert not text.lstrip().startswith("{")


def test_configure_sends_every_logger_through_one_handler_but_uvicorns_access_log() -> None:
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    uvicorn = {n: logging.getLogger(n).propagate for n in ("uvicorn.error", "uvicorn.access")}
    stream = io.StringIO()
    try:
        logs.configure(Settings(debug=True, logging={"format": "json", "level": "info"}))
        logs.configure(Settings(logging={"level": "info"}), stream=stream)  # replaces, not adds
        assert [h for h in root.handlers if getattr(h, "_sportello_handler", False)] == [
            h for h in root.handlers if h not in saved[1]
        ]
        assert len(root.handlers) == len(saved[1]) + 1
        logging.getLogger("uvicorn.error").info("Uvicorn running")
        logging.getLogger("uvicorn.access").info('192.0.2.7 - "POST /graphql" 200')
        logging.getLogger("sportello.test").debug("below the level")
        structlog.get_logger("sportello.test").info("structured", n=1)
    finally:
        for handler in [h for h in root.handlers if h not in saved[1]]:
            root.removeHandler(handler)
        root.setLevel(saved[0])
        for name, propagate in uvicorn.items():
            logging.getLogger(name).propagate = propagate
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["logger"], line["event"]) for line in lines] == [
        ("uvicorn.error", "Uvicorn running"),
        ("sportello.test", "structured"),
    ]
    assert lines[1]["n"] == 1 and "192.0.2.7" not in stream.getvalue()


async def test_the_line_names_the_api_route_behind_a_path_prefix(sportello_app, log_lines) -> None:
    """Behind a proxy that mounts the server under a prefix (``root_path``), the line names the
    route (``/graphql``), as for any other route, not the prefixed path."""
    import httpx

    async with sportello_app(debug=False) as h:
        transport = httpx.ASGITransport(app=h.app, root_path="/desk")
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            ping = await client.post("/desk/graphql", json={"query": "{ __typename }"})
        assert ping.json() == {"data": {"__typename": "Query"}}
    [line] = log_lines.of(ping.headers["x-request-id"])
    assert line["path"] == "/graphql" and line["status"] == 200
