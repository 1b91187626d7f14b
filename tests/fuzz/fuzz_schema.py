"""Fuzz every query and mutation of the GraphQL schema against a real server: ``make test-fuzz``.

For each database (SQLite, PostgreSQL) the driver creates a fresh database, loads the demo data
with every office on (``config/all.toml``), serves it with ``sportello serve`` and debug off
(production behaviour: unexpected errors are masked), logs in as the demo admin and, with
schemathesis generating from ``schema/schema.graphql`` (introspection is off in production),
sends ``--examples`` requests for every root field of ``Query`` and ``Mutation``. Custom scalars
and IDs get strategies that include hostile values (NaN and huge decimals, dates near year 1 or
9999, NUL characters, strings longer than any column, IDs of rows no table can have, real IDs
of the demo data); about half the requests carry the root field's arguments as variables, the
others as literals, as schemathesis writes them.

Every response is classified: ``http_5xx`` and ``masked`` (an ``INTERNAL_SERVER_ERROR`` or
"Unexpected error.") fail the run; ``invalid`` (the request was refused: validation, coercion,
bad input, limits), ``typed_error`` (a payload's ``errors`` or a business code) and ``ok`` are
fine. A failure is reported with its request and the last lines of the traceback the server
logged for it (found by the ``requestId`` of the masked error). The server's other error records
(a background task failing: events, notifications, SLA sweeps) are reported too, as are the
figures per database. Exit status 1 on any failure.

Run as a script, not collected by pytest (its name does not start with ``test_``)::

    .venv/bin/python tests/fuzz/fuzz_schema.py --db sqlite,postgres --examples 30
    .venv/bin/python tests/fuzz/fuzz_schema.py --db sqlite --examples 5 --operations 'folio'
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEMO_ADMIN = ("admin@demo.example", "sportello-demo")
FAILURES = ("http_5xx", "masked", "malformed")
CLASSES = ("ok", "typed_error", "invalid", *FAILURES)
#: Codes of a request refused as such (parse, validation, coercion, limits, transport).
REFUSALS = {
    None,
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "BAD_USER_INPUT",
    "BAD_REQUEST",
    "PAYLOAD_TOO_LARGE",
    "QUERY_TOO_COMPLEX",
}
MASKED_MESSAGE = "Unexpected error."
LOGIN = """
mutation($i: TokenCreateInput!) {
  tokenCreate(input: $i) { accessToken errors { code message } }
}
"""


# --- strategies ----------------------------------------------------------------------------------


def register_strategies(id_pool: list[str], type_names: list[str]) -> set[str]:
    """Strategies for the custom scalars (and ``ID``, ``String``, ``Int``), hostile values
    included: registered with schemathesis before any case is generated. Returns the names of
    the scalars registered."""
    import graphql
    import schemathesis
    from hypothesis import strategies as st
    from schemathesis.graphql import nodes

    text = st.text(max_size=40)
    long_text = st.tuples(
        st.characters(min_codepoint=1, max_codepoint=0xFFFF, exclude_categories=("Cs",)),
        st.sampled_from([33, 65, 101, 256, 1_001, 4_097, 10_001, 20_000]),
    ).map(lambda t: t[0] * t[1])
    specials = st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\t\n",
            "%",
            "_",
            "\\",
            "'; DROP TABLE x; --",
            "\U0001f600" * 3,
            "\u202etxt",
            "admin",
            "admin@demo.example",
            "a@b.example",
            "+39 06 1234 5678",
            "Europe/Rome",
            "Mars/Phobos",
            "UTC",
            "en",
            "el",
            "xx",
            "lodging.view",
            "identity.users.manage",
            "front_desk",
            "HOTEL",
            "A001",
            "2026-06-15",
            "person",
            "organisation",
        ]
    )
    # Connection cursors, in range and not (an offset no database integer holds).
    cursors = st.sampled_from([0, 1, 5, -1, -100, 2**31, 2**63, 10**30, "x", ""]).map(
        lambda n: base64.b64encode(f"arrayconnection:{n}".encode()).decode()
    )
    strings = st.one_of(text, specials, long_text, cursors)
    schemathesis.graphql.scalar("String", strings.map(nodes.String))

    ints = st.one_of(
        st.integers(min_value=-(2**31), max_value=2**31 - 1),
        st.sampled_from([0, 1, -1, 2, 32_767, 32_768, -32_769, 65_536, 2**31 - 1, -(2**31)]),
    )
    schemathesis.graphql.scalar("Int", ints.map(nodes.Int))

    def gid(type_name: str, pk: object) -> str:
        return base64.b64encode(f"{type_name}:{pk}".encode()).decode()

    hostile_pks = st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 10**30, "x", "", "1.5"])
    names = st.sampled_from(type_names or ["Reservation"])
    ids = st.one_of(
        *([st.sampled_from(id_pool)] * 3 if id_pool else []),
        st.builds(gid, names, hostile_pks),
        st.builds(gid, st.just("NoSuchType"), st.integers(min_value=1, max_value=5)),
        text,
        st.integers(min_value=-(2**31), max_value=2**31 - 1).map(str),
    )
    schemathesis.graphql.scalar(
        "ID",
        st.one_of(ids.map(nodes.String), st.integers(min_value=0, max_value=99).map(nodes.Int)),
    )

    hostile_days = st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "1799-12-31",
            "1800-01-01",
            "2999-12-31",
            "3000-01-01",
            "2026-02-30",
            "2026-13-01",
            "2026-1-1",
            "20260615",
            "",
            "today",
        ]
    )
    near = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2032, 12, 31)).map(str)
    days = st.one_of(near, near, near, st.dates().map(str), hostile_days)
    schemathesis.graphql.scalar(
        "Date",
        st.one_of(days.map(nodes.String), days.map(nodes.String), st.integers().map(nodes.Int)),
    )

    clock = st.one_of(
        st.times().map(lambda t: t.isoformat()),
        st.sampled_from(["00:00", "23:59:59.999999", "24:00:00", "25:00", "10:00:00.1234567"]),
    )
    zones = st.sampled_from(["", "Z", "+00:00", "+14:00", "-12:00", "+23:59", "-23:59", "+25:00"])
    moments = st.builds(lambda d, t, z: f"{d}T{t}{z}", days, clock, zones)
    hostile_moments = st.sampled_from(
        [
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-01:00",
            "0001-01-01T00:00:00",
            "2026-06-15 10:00",
            "2026-06-15",
            "1e9",
        ]
    )
    schemathesis.graphql.scalar(
        "DateTime",
        st.one_of(
            moments.map(nodes.String),
            moments.map(nodes.String),
            hostile_moments.map(nodes.String),
            ints.map(nodes.Int),
        ),
    )

    hostile_numbers = st.sampled_from(
        [
            "NaN",
            "-NaN",
            "sNaN",
            "Infinity",
            "-Infinity",
            "inf",
            "1e999999",
            "1E+1000000000",
            "-0",
            "0.0000000000001",
            "1e-7",
            "99999999.99",
            "9999999999.99",
            "123456789012.5",
            "999999999999999",
            "1000000000000000",
            "1" * 40,
            " 5 ",
            "1_000",
            "0x10",
            "",
            "abc",
            "5,50",
        ]
    )
    decimals = st.decimals(allow_nan=True, allow_infinity=True).map(str)
    amounts = st.decimals(min_value=-10_000, max_value=10_000, places=2).map(str)
    schemathesis.graphql.scalar(
        "Decimal",
        st.one_of(
            hostile_numbers.map(nodes.String),
            decimals.map(nodes.String),
            amounts.map(nodes.String),
            st.integers().map(nodes.Int),
            st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        ),
    )

    keys = st.from_regex(r"\A[_A-Za-z][_0-9A-Za-z]{0,8}\Z")
    leaves = st.one_of(
        st.just(nodes.Null),
        st.booleans().map(nodes.Boolean),
        st.integers().map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        strings.map(nodes.String),
    )

    def objects(children: Any) -> Any:
        return st.dictionaries(keys, children, max_size=5).map(
            lambda d: nodes.Object(
                [
                    graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=v)
                    for k, v in d.items()
                ]
            )
        )

    def nest(children: Any) -> Any:
        return st.one_of(st.lists(children, max_size=5).map(nodes.List), objects(children))

    json_values = st.recursive(
        leaves,
        nest,
        max_leaves=12,
    )
    schemathesis.graphql.scalar("JSON", json_values)
    # Sales' payment method codes: valid ones, unknown ones and hostile strings.
    methods = st.one_of(st.sampled_from(["cash", "card", "bank_transfer", "bitcoin", ""]), text)
    schemathesis.graphql.scalar("PaymentMethod", methods.map(nodes.String))
    return {"String", "Int", "ID", "Date", "DateTime", "Decimal", "JSON", "PaymentMethod"}


def custom_scalars(schema: Any) -> list[str]:
    """The scalars of the schema that are not GraphQL's own."""
    import graphql

    return sorted(
        name
        for name, t in schema.type_map.items()
        if isinstance(t, graphql.GraphQLScalarType) and not name.startswith("__")
        if name not in {"Int", "Float", "String", "Boolean", "ID"}
    )


# --- the request ---------------------------------------------------------------------------------


ID_NAME = re.compile(r"^(?:id|ids|(\w+?)Ids?)$")


def real_ids(document: Any, ids: dict[str, list[str]], rnd: Any) -> Any:
    """``document`` with most IDs it passes replaced by IDs of demo rows of the type the
    argument's name suggests: ``siteId`` a Site, ``ticketId`` a QueueTicket, the ``id`` of
    ``reservationConfirm`` a Reservation (the generated ones are random text)."""
    import graphql

    field = ""
    for definition in document.definitions:
        if isinstance(definition, graphql.OperationDefinitionNode):
            first = definition.selection_set.selections[0]
            field = first.name.value if isinstance(first, graphql.FieldNode) else ""
    types = sorted(ids)

    def candidates(name: str) -> list[str]:
        match = ID_NAME.match(name)
        if match is None:
            return []
        stem = match.group(1)
        if stem:
            wanted = stem[0].upper() + stem[1:]
            found = [t for t in types if t.endswith(wanted)]
        else:  # a mutation's own ``id``: the type its name starts with
            found = [t for t in types if field.startswith(t[0].lower() + t[1:])]
            found = sorted(found, key=len)[-1:]
        chosen = found or types
        return [i for t in chosen for i in ids[t]]

    def swap(name: str, value: Any) -> Any:
        pool = candidates(name)
        if not pool:
            return None
        if isinstance(value, graphql.ListValueNode):
            items = [swap(name, v) or v for v in value.values]
            return graphql.ListValueNode(values=tuple(items))
        if isinstance(value, (graphql.StringValueNode, graphql.IntValueNode)):
            if rnd.random() < 0.7:
                return graphql.StringValueNode(value=rnd.choice(pool))
        return None

    class Swap(graphql.Visitor):
        def enter_argument(self, node: Any, *_: Any) -> Any:
            value = swap(node.name.value, node.value)
            return None if value is None else graphql.ArgumentNode(name=node.name, value=value)

        def enter_object_field(self, node: Any, *_: Any) -> Any:
            value = swap(node.name.value, node.value)
            return None if value is None else graphql.ObjectFieldNode(name=node.name, value=value)

    return graphql.visit(document, Swap())


def prepare(
    query: str, schema: Any, root: str, *, lift: bool, ids: dict[str, list[str]], rnd: Any
) -> dict[str, Any]:
    """The request body of a generated operation. Most IDs become IDs of demo rows
    (``real_ids``). A mutation whose payload has ``errors`` selects it (so typed errors are
    told from successes). With ``lift``, the root field's arguments are passed as variables,
    which go through the scalars' ``parse_value`` from JSON rather than from a literal."""
    import graphql

    try:
        document = graphql.parse(query)
    except graphql.GraphQLError:
        return {"query": query}
    if ids:
        document = real_ids(document, ids, rnd)
    operation = document.definitions[0]
    root_type = schema.mutation_type if root == "Mutation" else schema.query_type
    selection = operation.selection_set.selections[0]
    if not isinstance(operation, graphql.OperationDefinitionNode) or not isinstance(
        selection, graphql.FieldNode
    ):
        return {"query": query}
    field_def = root_type.fields[selection.name.value]
    selections = selection.selection_set.selections if selection.selection_set else ()
    payload_type = graphql.get_named_type(field_def.type)
    if (
        root == "Mutation"
        and isinstance(payload_type, graphql.GraphQLObjectType)
        and "errors" in payload_type.fields
        and not any(
            isinstance(s, graphql.FieldNode) and s.name.value == "errors" for s in selections
        )
    ):
        errors = graphql.parse("{ errors { code } }").definitions[0].selection_set.selections[0]
        selections = (*selections, errors)
    variables: dict[str, Any] = {}
    definitions = []
    arguments = list(selection.arguments or ())
    if lift:
        for i, argument in enumerate(arguments):
            name = f"v_{argument.name.value}"
            type_node = graphql.parse_type(str(field_def.args[argument.name.value].type))
            variable = graphql.VariableNode(name=graphql.NameNode(value=name))
            definitions.append(graphql.VariableDefinitionNode(variable=variable, type=type_node))
            variables[name] = graphql.value_from_ast_untyped(argument.value)
            arguments[i] = graphql.ArgumentNode(name=argument.name, value=variable)
    field_node = graphql.FieldNode(
        alias=selection.alias,
        name=selection.name,
        arguments=tuple(arguments),
        directives=selection.directives,
        selection_set=graphql.SelectionSetNode(selections=tuple(selections))
        if selections
        else None,
    )
    operation = graphql.OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=tuple(definitions),
        directives=operation.directives,
        selection_set=graphql.SelectionSetNode(selections=(field_node,)),
    )
    text = graphql.print_ast(
        graphql.DocumentNode(definitions=(operation, *document.definitions[1:]))
    )
    return {"query": text, "variables": variables} if lift else {"query": text}


# --- responses ----------------------------------------------------------------------------------


def classify(status: int, body: Any) -> str:
    """``ok``, ``typed_error``, ``invalid``, or a failure: ``http_5xx``, ``masked``,
    ``malformed`` (not a GraphQL response)."""
    if status >= 500:
        return "http_5xx"
    if not isinstance(body, dict) or ("data" not in body and "errors" not in body):
        return "invalid" if 400 <= status < 500 and body is None else "malformed"
    errors = body.get("errors") or []
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        if code == "INTERNAL_SERVER_ERROR" or error.get("message") == MASKED_MESSAGE:
            return "masked"
    if errors:
        codes = {(e.get("extensions") or {}).get("code") for e in errors}
        return "invalid" if codes <= REFUSALS else "typed_error"
    data = body.get("data")
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, dict) and value.get("errors"):
                return "typed_error"
    return "ok"


#: Log records of the server's own errors: an unexpected error in a resolver (masked for the
#: client), an exception out of the ASGI app (uvicorn), a background task's failure (events,
#: notifications, SLA sweeps). Strawberry also logs every GraphQL error, expected ones included:
#: those are not looked at.
SERVER_ERROR = re.compile(
    r"^(unexpected error in |ERROR:\s+Exception in ASGI application|(events|notify|sla): |"
    r"deferred startup failed)"
)
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(: |$)")


def find_server_errors(log: str) -> list[str]:
    """Each record of ``SERVER_ERROR`` in a piece of server log, with its traceback if any."""
    lines = log.splitlines()
    return [_record(lines, i) for i, line in enumerate(lines) if SERVER_ERROR.match(line)]


def _record(lines: list[str], start: int) -> str:
    """The record starting at ``lines[start]``: its line, then a traceback (chained ones
    included) up to the final exception line."""
    out = [lines[start]]
    i = start + 1
    if i >= len(lines) or not lines[i].startswith("Traceback (most recent call last):"):
        return out[0]
    in_frames = False
    while i < len(lines):
        line = lines[i]
        out.append(line)
        if line.startswith("Traceback (most recent call last):"):
            in_frames = True
        elif in_frames and not line.startswith(" ") and _EXCEPTION_LINE.match(line):
            in_frames = False
            rest = lines[i + 1 : i + 4]
            chained = (
                len(rest) >= 2
                and rest[0] == ""
                and rest[1].startswith(
                    ("The above exception", "During handling of the above exception")
                )
            )
            if not chained:
                break
        i += 1
    return "\n".join(out)


def for_request(errors: list[str], request_id: str | None) -> str | None:
    """The record of ``errors`` logged for the masked error of ``request_id``."""
    if request_id:
        for record in errors:
            if f"(request {request_id})" in record.splitlines()[0]:
                return record
    return None


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _clip(value: str, limit: int = 1_500) -> str:
    return value if len(value) <= limit else value[:limit] + f"... ({len(value)} characters)"


# --- the server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _pg(url: str, sql: str) -> None:
    import asyncio

    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@contextlib.contextmanager
def scratch_database(backend: str, pg_url: str, workdir: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite://{workdir / 'fuzz.sqlite3'}"
        return
    name = f"sportello_fuzz_{os.getpid()}"
    _pg(pg_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg(pg_url, f'CREATE DATABASE "{name}"')
    try:
        yield f"{pg_url.rpartition('/')[0]}/{name}"
    finally:
        with contextlib.suppress(Exception):
            _pg(pg_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """``sportello serve`` in a subprocess, its output in a log file read as requests go."""

    def __init__(self, python: str, config: Path, database_url: str, workdir: Path) -> None:
        self.python = python
        self.config = config
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("SPORTELLO_")}
        self.env.update(
            SPORTELLO_CONFIG=str(config),
            SPORTELLO_DATABASE_URL=database_url,
            SPORTELLO_DEBUG="false",
            # One token for the whole run; the fuzzer may still revoke it (then: log in again).
            SPORTELLO_AUTH__ACCESS_TOKEN_MINUTES="600",
            PYTHONUNBUFFERED="1",
        )
        self.process: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    def cli(self, *args: str, stdin: str | None = None, debug: bool = False) -> str:
        env = dict(self.env, SPORTELLO_DEBUG="true" if debug else "false")
        done = subprocess.run(
            [self.python, "-m", "sportello.cli", "--config", str(self.config), *args],
            env=env,
            cwd=ROOT,
            input=stdin.encode() if stdin is not None else None,
            capture_output=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"sportello {' '.join(args)} failed:\n{done.stderr.decode(errors='replace')}"
            )
        return done.stdout.decode(errors="replace")

    def start(self) -> None:
        import requests

        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [self.python, "-m", "sportello.cli", "--config", str(self.config), "serve"]
            + ["--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.read_log()}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    self.read_log()
                    return
            time.sleep(0.2)
        raise RuntimeError(f"the server was not ready within 60 s:\n{self.read_log()}")

    def read_log(self) -> str:
        """The log written since the last call."""
        with self.log_path.open("rb") as f:
            f.seek(self._log_offset)
            chunk = f.read()
        self._log_offset += len(chunk)
        return chunk.decode(errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Failure:
    operation: str
    kind: str
    status: int
    request: dict[str, Any]
    response: str
    traceback: str


@dataclass
class Result:
    backend: str
    operations: int = 0
    requests: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    per_operation: dict[str, Counter[str]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    logins: int = 0
    ids: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(self.counts[k] for k in FAILURES)


class Client:
    """Sends requests with the admin's bearer token; logs in again when the fuzzer revoked it
    (tokenRevokeAll) or deactivated the admin (then as a fresh superuser made with the CLI)."""

    def __init__(self, server: Server, result: Result) -> None:
        import requests

        self.server = server
        self.result = result
        self.session = requests.Session()
        self.token = ""
        self.account = DEMO_ADMIN
        self.spares = 0
        self.dump: Any = None
        #: IDs of the demo data by node type
        self.ids: dict[str, list[str]] = {}

    def login(self) -> None:
        for _ in range(3):
            email, password = self.account
            response = self.session.post(
                f"{self.server.url}/graphql",
                json={"query": LOGIN, "variables": {"i": {"email": email, "password": password}}},
                timeout=60,
            )
            payload = (response.json().get("data") or {}).get("tokenCreate") or {}
            if payload.get("accessToken"):
                self.token = payload["accessToken"]
                self.result.logins += 1
                return
            # Locked out, deactivated or password changed by the fuzzer: a fresh superuser.
            self.spares += 1
            spare = (f"fuzz-{self.spares}-{os.getpid()}@fuzz.example", "fuzz-password-1234")
            self.server.cli(
                "user",
                "create",
                "--email",
                spare[0],
                "--superuser",
                "--password-stdin",
                stdin=spare[1],
            )
            self.account = spare
        raise RuntimeError("could not log in")

    def post(self, payload: dict[str, Any]) -> tuple[int, Any, str]:
        for attempt in range(2):
            response = self.session.post(
                f"{self.server.url}/graphql",
                json=payload,
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=120,
            )
            if response.status_code == 401 and attempt == 0:
                self.login()
                continue
            break
        try:
            body = response.json()
        except ValueError:
            body = None
        return response.status_code, body, response.text


def harvest_ids(client: Client, schema: Any) -> list[str]:
    """IDs of the demo data: the first rows of every connection of ``Query`` that needs no
    argument."""
    import graphql

    ids: list[str] = []
    for name, definition in schema.query_type.fields.items():
        named = graphql.get_named_type(definition.type)
        if not named.name.endswith("Connection"):
            continue
        if any(graphql.is_required_argument(a) for a in definition.args.values()):
            continue
        status, body, _ = client.post(
            {"query": f"{{ {name}(first: 25) {{ edges {{ node {{ id }} }} }} }}"}
        )
        edges = ((body or {}).get("data") or {}).get(name) or {}
        ids.extend(e["node"]["id"] for e in edges.get("edges") or [] if e.get("node"))
    return sorted(set(ids))


def fuzz_backend(args: argparse.Namespace, backend: str) -> Result:
    import graphql
    import hypothesis
    import schemathesis

    result = Result(backend)
    started = time.monotonic()
    sdl = args.schema.read_text()
    client_schema = graphql.build_schema(sdl)
    workdir = Path(tempfile.mkdtemp(prefix="sportello-fuzz-"))
    hypothesis.configuration.set_hypothesis_home_dir(workdir / "hypothesis")
    try:
        with scratch_database(backend, args.pg_url, workdir) as url:
            server = Server(args.server_python or sys.executable, args.config, url, workdir)
            print(f"[{backend}] demo data ...", flush=True)
            server.cli("demo", "load", debug=True)  # debug: the demo users' known password
            server.start()
            stack = contextlib.ExitStack()
            try:
                client = Client(server, result)
                if args.keep_logs:
                    args.keep_logs.mkdir(parents=True, exist_ok=True)
                    requests_log = args.keep_logs / f"fuzz-{backend}-requests.jsonl"
                    client.dump = stack.enter_context(requests_log.open("w"))
                client.login()
                pool = harvest_ids(client, client_schema)
                result.ids = len(pool)
                for node_id in pool:
                    type_name = base64.b64decode(node_id).decode().split(":", 1)[0]
                    client.ids.setdefault(type_name, []).append(node_id)
                registered = register_strategies(pool, sorted(client.ids))
                missing = [n for n in custom_scalars(client_schema) if n not in registered]
                if missing:  # a new scalar: give it a strategy (hostile values included)
                    raise SystemExit(f"no strategy for the scalars {missing}: add one")
                server.read_log()
                schema = schemathesis.graphql.from_path(args.schema)
                operations = [r.ok() for r in schema.get_all_operations()]
                pattern = re.compile(args.operations) if args.operations else None
                if pattern is not None:
                    operations = [op for op in operations if pattern.search(op.label)]
                print(
                    f"[{backend}] {len(operations)} operations, {len(pool)} demo IDs, "
                    f"{args.examples} examples each",
                    flush=True,
                )
                for operation in operations:
                    seed = args.seed * 2**32 + zlib.crc32(operation.label.encode())
                    fuzz_operation(operation, seed, args.examples, client, client_schema)
                    result.operations += 1
                    if args.verbose:
                        counts = result.per_operation.get(operation.label, {})
                        print(f"  {operation.label}: {dict(counts)}", flush=True)
                result.server_errors.extend(find_server_errors(server.read_log()))
            finally:
                stack.close()
                server.stop()
                if args.keep_logs:
                    shutil.copyfile(server.log_path, args.keep_logs / f"fuzz-{backend}.log")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result.seconds = time.monotonic() - started
    return result


def fuzz_operation(
    operation: Any, seed: int, examples: int, client: Client, client_schema: Any
) -> None:
    """``examples`` generated requests of one root field; every other one with variables."""
    import hypothesis
    from hypothesis import HealthCheck, Phase, Verbosity, given
    from hypothesis import settings as hsettings
    from hypothesis import strategies as st

    root = operation.label.split(".", 1)[0]
    sent = [0]

    @hypothesis.seed(seed)
    @hsettings(
        max_examples=examples,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )
    @given(case=operation.as_strategy(), rnd=st.randoms(use_true_random=False))
    def run(case: Any, rnd: Any) -> None:
        sent[0] += 1
        payload = prepare(
            case.body, client_schema, root, lift=sent[0] % 2 == 0, ids=client.ids, rnd=rnd
        )
        send(client, operation.label, payload)

    run()


def send(client: Client, label: str, payload: dict[str, Any]) -> None:
    server, result = client.server, client.result
    counts = result.per_operation.setdefault(label, Counter())
    result.server_errors.extend(find_server_errors(server.read_log()))  # background tasks
    status, body, text = client.post(payload)
    kind = classify(status, body)
    if client.dump is not None:
        entry = {"operation": label, "class": kind, "status": status, "request": payload}
        client.dump.write(json.dumps({**entry, "response": _clip(text, 2_000)}) + "\n")
    result.requests += 1
    result.counts[kind] += 1
    counts[kind] += 1
    errors = find_server_errors(server.read_log())
    if kind in FAILURES:
        ids = [
            (e.get("extensions") or {}).get("requestId")
            for e in (body or {}).get("errors") or []
            if isinstance(e, dict)
        ]
        record = next((r for i in ids if (r := for_request(errors, i))), None)
        record = record or (errors[-1] if errors else "(nothing in the server log)")
        result.failures.append(Failure(label, kind, status, payload, _clip(text, 600), record))
        errors = [e for e in errors if e is not record]
    result.server_errors.extend(errors)


# --- the report -----------------------------------------------------------------------------------


def report(results: list[Result], args: argparse.Namespace) -> str:
    import schemathesis

    lines = [
        f"schemathesis {schemathesis.__version__}, Python {sys.version.split()[0]}, "
        f"{args.examples} examples per operation, seed {args.seed}",
        "",
        "| database | operations | requests | ok | typed_error | invalid | http_5xx | masked "
        "| malformed | duration |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        counts = " | ".join(str(r.counts[k]) for k in CLASSES)
        lines.append(
            f"| {r.backend} | {r.operations} | {r.requests} | {counts} | {r.seconds:.0f} s |"
        )
    for r in results:
        lines.append("")
        lines.append(
            f"[{r.backend}] {r.failed} failures, {len(r.server_errors)} other server errors in "
            f"the log, {r.ids} demo IDs in the pool, {r.logins} logins"
        )
        seen: set[tuple[str, str]] = set()
        for f in r.failures:
            last = f.traceback.strip().splitlines()[-1] if f.traceback.strip() else ""
            key = (f.operation, last)
            duplicate = key in seen
            seen.add(key)
            if duplicate and not args.verbose:
                continue
            lines.append(f"--- {f.kind} (HTTP {f.status}) in {f.operation}")
            lines.append("request: " + _clip(json.dumps(f.request, ensure_ascii=False)))
            lines.append("response: " + f.response)
            lines.append("traceback:\n" + tail(f.traceback, args.traceback_lines))
        for tb in r.server_errors[:20]:
            lines.append("--- server error outside a failing response")
            lines.append(tail(tb, args.traceback_lines))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres or sqlite,postgres")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get(
            "SPORTELLO_FUZZ_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
        help="a PostgreSQL server where a scratch database may be created and dropped",
    )
    parser.add_argument("--examples", type=int, default=30, help="examples per operation")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--operations", help="only the operations whose label matches (regex)")
    parser.add_argument("--config", type=Path, default=ROOT / "config" / "all.toml")
    parser.add_argument("--schema", type=Path, default=ROOT / "schema" / "schema.graphql")
    parser.add_argument(
        "--server-python", help="the interpreter that runs the server (default: this one)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--keep-logs",
        type=Path,
        help="write the server logs and every request with its response (JSON lines) here",
    )
    parser.add_argument("--traceback-lines", type=int, default=8)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    backends = [b.strip() for b in args.db.split(",") if b.strip()]
    results = []
    for backend in backends:
        if backend not in ("sqlite", "postgres"):
            parser.error(f"unknown database {backend!r}")
        results.append(fuzz_backend(args, backend))
    print(report(results, args))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "database": r.backend,
                        "operations": r.operations,
                        "requests": r.requests,
                        "results": {k: r.counts[k] for k in CLASSES},
                        "seconds": round(r.seconds, 1),
                        "examples": args.examples,
                        "seed": args.seed,
                        "other_server_errors": len(r.server_errors),
                    }
                    for r in results
                ],
                indent=2,
            )
        )
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
