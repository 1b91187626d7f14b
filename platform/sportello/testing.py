"""Test fixtures for Sportello and for plugin authors (loaded as the ``sportello`` pytest plugin).

``sportello_app`` builds a migrated database and an app with exactly the offices a test names,
on every backend under test: SQLite always, PostgreSQL when ``SPORTELLO_TEST_POSTGRES_URL`` is set.

The core is imported inside the functions that use it ("lazy" below), never at the top: pytest
imports this plugin (an entry point) when it starts, in every session of this environment, and
importing the core there would load the whole application (strawberry, tortoise, every model)
before any test asks for it, and before coverage starts measuring it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import itertools
import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from sportello.testing_mail import MailServer, free_port

BACKENDS_ENV = "SPORTELLO_TEST_POSTGRES_URL"
_TEMPLATES: dict[str, str] = {}
_counter = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    """Tests choose their own settings: a developer's SPORTELLO_* environment must not leak in."""
    for key in [k for k in os.environ if k.startswith("SPORTELLO_")]:
        if key not in (BACKENDS_ENV, "SPORTELLO_REQUIRE_POSTGRES"):
            os.environ.pop(key)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop this session's template databases and files."""
    for key, template in list(_TEMPLATES.items()):
        if key == "stale-dropped":
            continue
        if template.startswith("sportello_tpl_"):
            with contextlib.suppress(Exception):
                asyncio.run(_pg_exec(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(template + suffix).unlink(missing_ok=True)
        _TEMPLATES.pop(key, None)


def backends() -> list[str]:
    return ["sqlite", "postgres"] if os.environ.get(BACKENDS_ENV) else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", backends())


class Harness:
    """A running app: GraphQL over HTTP (in-process or on a real socket), tokens by role.

    Every mutation sent through ``gql``/``ok`` is checked against the audit trail: each root
    field whose payload came back with ``errors: []`` must have added an ``AuditEntry`` whose
    ``operation`` is the field's name. Opt out per call with ``check_audit=False`` or for a
    whole test with ``h.check_audit = False`` (only for tests that check otherwise on purpose).
    """

    def __init__(self, app: Any, runtime: Any, client: httpx.AsyncClient, backend: str) -> None:
        self.app = app
        self.runtime = runtime
        self.client = client
        self.backend = backend
        self.base_url = str(client.base_url)
        self.check_audit = True
        self._tokens: dict[tuple[Any, ...], str] = {}

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        as_: str | None = "admin",
        headers: dict[str, str] | None = None,
        client: httpx.AsyncClient | None = None,
        check_audit: bool | None = None,
    ) -> dict[str, Any]:
        """POST a GraphQL operation; ``as_`` picks a role (``None`` = anonymous)."""
        hdrs = dict(headers or {})
        if token is None and as_ is not None:
            token = await self.token(roles=[as_])
        if token:
            hdrs["authorization"] = f"Bearer {token}"
        audited = self.check_audit if check_audit is None else check_audit
        fields = _mutation_fields(query) if audited else []
        if fields:
            with _uncounted():
                mark = await _last_audit_id()
        response = await (client or self.client).post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=hdrs
        )
        assert response.status_code in (200, 400, 401), response.text
        result: dict[str, Any] = response.json()
        if fields:
            with _uncounted():
                await _assert_audited(result, fields, mark)
        return result

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, **kw: Any
    ) -> dict[str, Any]:
        """Like ``gql`` but fails the test on any GraphQL error; returns ``data``."""
        result = await self.gql(query, variables, **kw)
        assert not result.get("errors"), result["errors"]
        data: dict[str, Any] = result["data"]
        return data

    async def settle(self, within: float = 20.0) -> None:
        """Wait until every event published so far has been dispatched and handled by every
        handler (delivered or parked): what a test does before it checks a handler's effect."""
        from sportello.events.models import EventDelivery, OutboxEvent  # lazy

        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            with _uncounted():
                undispatched = await OutboxEvent.filter(dispatched_at=None).exists()
                open_ = await EventDelivery.filter(status="pending").exists()
            if not undispatched and not open_:
                return
            if loop.time() > deadline:
                raise AssertionError(f"events not handled within {within}s")
            self._wake_events()
            await asyncio.sleep(0.02)

    def _wake_events(self) -> None:
        core = self.runtime.state.get("events")
        wake = getattr(core, "wake", None)
        if callable(wake):
            wake()

    async def load_demo(self) -> list[str]:
        """Load every enabled office's demo data (and the demo users), as ``sportello demo
        load`` does."""
        from sportello.demo import load_demo  # lazy

        return await load_demo(self.runtime)

    async def token(
        self,
        roles: Sequence[str] = ("admin",),
        sites: Iterable[int] | None = None,
        email: str | None = None,
    ) -> str:
        from sportello.identity import services, tokens  # lazy

        site_key = None if sites is None else tuple(sorted(sites))
        key = (tuple(roles), site_key, email)
        if key not in self._tokens:
            n = next(_counter)
            address = email or f"{'-'.join(roles) or 'nobody'}-{n}@test.example"
            user = await services.create_user(
                _system(),
                address,
                None,
                roles=list(roles),
                all_sites=sites is None,
                site_ids=list(sites or []),
                is_superuser=False,
            )
            raw, _ = await tokens.issue(user, "access", None)
            self._tokens[key] = raw
        return self._tokens[key]


def _mutation_fields(query: str) -> list[tuple[str, str]]:
    """``(response key, field name)`` of the root fields of a mutation document, else []."""
    from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse

    try:
        document = parse(query)
    except GraphQLError:
        return []
    out = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if definition.operation != OperationType.MUTATION:
            continue
        for selection in definition.selection_set.selections:
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                out.append((key, selection.name.value))
    return out


async def _last_audit_id() -> int:
    from sportello.identity.models import AuditEntry  # lazy

    rows = await AuditEntry.all().order_by("-id").limit(1).values("id")
    return int(rows[0]["id"]) if rows else 0


async def _assert_audited(result: dict[str, Any], fields: list[tuple[str, str]], mark: int) -> None:
    """Each mutation that reported ``errors: []`` left an audit entry named after it."""
    from sportello.identity.models import AuditEntry  # lazy

    data = result.get("data") or {}
    for key, name in fields:
        payload = data.get(key)
        if not isinstance(payload, dict) or payload.get("errors") != []:
            continue
        added = await AuditEntry.filter(id__gt=mark, operation=name).exists()
        if not added:
            ops = [r["operation"] for r in await AuditEntry.filter(id__gt=mark).values("operation")]
            raise AssertionError(
                f"mutation {name} succeeded (errors: []) but wrote no audit entry with "
                f"operation {name!r} (entries written meanwhile: {sorted(set(ops))}); "
                "pass check_audit=False only if the test checks this on purpose"
            )


#: Set while the harness runs its own checks: ``count_queries`` leaves those statements out.
_HARNESS_QUERY: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "sportello_harness_query", default=False
)


@contextlib.contextmanager
def _uncounted() -> Iterator[None]:
    token = _HARNESS_QUERY.set(True)
    try:
        yield
    finally:
        _HARNESS_QUERY.reset(token)


#: Set by ``count_queries`` in the block it counts: the tasks the block starts (a request and
#: the resolvers it gathers) inherit it, the background ones started before it (the events
#: dispatcher, the sweepers, a live server's) do not, so their statements are not counted.
_COUNTING: contextvars.ContextVar[object | None] = contextvars.ContextVar(
    "sportello_counting", default=None
)


class _Statements(logging.Handler):
    def __init__(self, everywhere: bool) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []
        self.sent: list[tuple[str, Any]] = []
        self.everywhere = everywhere

    def emit(self, record: logging.LogRecord) -> None:
        if _HARNESS_QUERY.get():
            return
        if not self.everywhere and _COUNTING.get() is not self:
            return
        if record.args and isinstance(record.args, tuple) and len(record.args) == 2:
            self.statements.append(str(record.args[0]))
            self.sent.append((str(record.args[0]), record.args[1]))


@contextlib.contextmanager
def _statements(everywhere: bool) -> Iterator[_Statements]:
    logger = logging.getLogger("tortoise.db_client")
    handler = _Statements(everywhere)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(handler)
    token = _COUNTING.set(handler)
    try:
        yield handler
    finally:
        _COUNTING.reset(token)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextlib.contextmanager
def count_queries(everywhere: bool = False) -> Iterator[list[str]]:
    """Collect the SQL statements Tortoise sends while the block runs: those of the block's own
    work (a request sent through the harness, a service called), not of background tasks. With
    ``everywhere`` every statement of this process counts (a request served by a live server
    runs in the server's task)."""
    with _statements(everywhere) as handler:
        yield handler.statements


@contextlib.contextmanager
def sent_queries(everywhere: bool = False) -> Iterator[list[tuple[str, Any]]]:
    """``count_queries`` with each statement's parameters: ``[(sql, values), ...]``."""
    with _statements(everywhere) as handler:
        yield handler.sent


def _system() -> Any:
    from sportello.services import SYSTEM  # lazy

    return SYSTEM


def _pg_url() -> str:
    return os.environ[BACKENDS_ENV]


async def _pg_exec(sql: str) -> None:
    import asyncpg

    url = _pg_url().replace("postgres://", "postgresql://", 1)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _with_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def _migrate(settings: Any, plugins: Sequence[Any]) -> None:
    from sportello.db import close_orm, migrate  # lazy
    from sportello.runtime import Runtime  # lazy

    runtime = Runtime(settings, plugins)
    try:
        await migrate(runtime.db_config)
    finally:
        await close_orm()


async def prepare_database(
    backend: str, modules: Sequence[str], plugins: Sequence[Any], workdir: Path
) -> str:
    """A freshly migrated database URL, cloned from a per-session template."""
    from sportello.settings import Settings  # lazy

    key = hashlib.sha1(
        repr(
            (backend, sorted(modules), sorted(getattr(p, "__name__", str(p)) for p in plugins))
        ).encode()
    ).hexdigest()[:12]
    mods: dict[str, dict[str, Any]] = {m: {} for m in modules}
    if backend == "sqlite":
        template = _TEMPLATES.get(key)
        if template is None:
            template = str(
                Path(tempfile.gettempdir()) / f"sportello-tpl-{os.getpid()}-{key}.sqlite3"
            )
            for suffix in ("", "-wal", "-shm"):
                Path(template + suffix).unlink(missing_ok=True)
            await _migrate(Settings(database_url=f"sqlite://{template}", modules=mods), plugins)
            _TEMPLATES[key] = template
        target = workdir / f"test-{next(_counter)}.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite://{target}"
    tpl_name = f"sportello_tpl_{os.getpid()}_{key}"
    if not _TEMPLATES.get("stale-dropped"):
        await _drop_stale_databases()
        _TEMPLATES["stale-dropped"] = "yes"
    if key not in _TEMPLATES:
        await _pg_exec(f'DROP DATABASE IF EXISTS "{tpl_name}"')
        await _pg_exec(f'CREATE DATABASE "{tpl_name}"')
        await _migrate(Settings(database_url=_with_db(_pg_url(), tpl_name), modules=mods), plugins)
        _TEMPLATES[key] = tpl_name
    name = f"sportello_test_{os.getpid()}_{next(_counter)}"
    await _pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{tpl_name}"')
    return _with_db(_pg_url(), name)


async def _drop_stale_databases() -> None:
    """Databases left by test runs whose process is gone (killed, crashed)."""
    import asyncpg

    conn = await asyncpg.connect(_pg_url().replace("postgres://", "postgresql://", 1))
    try:
        names = [
            r["datname"]
            for r in await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE 'sportello_t%'"
            )
        ]
    finally:
        await conn.close()
    for name in names:
        parts = name.split("_")
        if len(parts) < 3 or parts[1] not in ("tpl", "test") or not parts[2].isdigit():
            continue
        pid = int(parts[2])
        if pid == os.getpid() or Path(f"/proc/{pid}").exists():
            continue
        with contextlib.suppress(Exception):
            await _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def drop_database(url: str) -> None:
    if url.startswith("sqlite://"):
        return
    name = url.rpartition("/")[2]
    with contextlib.suppress(Exception):
        await _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.asynccontextmanager
async def running_app(
    backend: str,
    modules: Sequence[str] = (),
    plugins: Sequence[ModuleType | str] = (),
    *,
    live: bool = False,
    workdir: Path | None = None,
    **settings_overrides: Any,
) -> AsyncIterator[Harness]:
    """Start an app on a fresh database. ``live=True`` serves it with uvicorn on a real port."""
    from sportello.app import create_app  # lazy
    from sportello.settings import Settings  # lazy

    tmp = Path(workdir or tempfile.mkdtemp(prefix="sportello-"))
    url = await prepare_database(backend, modules, plugins, tmp)
    auth = settings_overrides.pop("auth", {})
    if isinstance(auth, dict):
        # A bearer stays cached for a minute (the default is a few seconds): a count of a
        # request's statements must not gain the token lookup because the machine was busy.
        auth = {"token_cache_seconds": 60, **auth}
    settings = Settings(
        database_url=url,
        modules={m: {} for m in modules},
        **{"debug": True, "auth": auth, **settings_overrides},
    )
    app = create_app(settings, plugins)
    runtime = app.state.runtime
    try:
        if live:
            import uvicorn

            port = free_port()
            server = uvicorn.Server(
                uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
            )
            task = asyncio.create_task(server.serve())
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.02)
            limits = httpx.Limits(max_connections=100)
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", timeout=60, limits=limits
            ) as client:
                try:
                    yield Harness(app, runtime, client, backend)
                finally:
                    server.should_exit = True
                    await task
        else:
            async with contextlib.AsyncExitStack() as stack:
                await runtime.start()
                stack.push_async_callback(runtime.stop)
                transport = httpx.ASGITransport(app=app)
                client = await stack.enter_async_context(
                    httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=60)
                )
                yield Harness(app, runtime, client, backend)
    finally:
        await drop_database(url)
        if workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def sportello_app(backend: str, tmp_path: Path) -> Callable[..., Any]:
    """``async with sportello_app(["reception", "lodging"]) as h: await h.ok(query)``."""

    def factory(modules: Sequence[str] = (), plugins: Sequence[Any] = (), **kw: Any) -> Any:
        return running_app(backend, modules, plugins, workdir=tmp_path, **kw)

    return factory


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """``mail_server.settings()`` into ``sportello_app(..., **settings)``; started already."""
    server = MailServer()
    server.start()
    yield server
    server.stop()
