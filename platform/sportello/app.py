"""The ASGI application: /graphql, /health, /ready, /metrics (when enabled) and the enabled
plugins' routes."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Iterable, Iterator
from types import ModuleType

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Match, Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from sportello import telemetry
from sportello.bodylimit import BodySizeLimit
from sportello.db import pending_migrations
from sportello.graphql.view import SportelloGraphQL
from sportello.ops import scrape, sql
from sportello.ops.middleware import Observe
from sportello.runtime import Runtime
from sportello.settings import Settings


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    """200 only when the database is reachable, migrated and the runtime has started, and the
    server is not draining to stop.

    After ``sportello migrate`` on a running server, the first /ready completes the startup
    that was deferred (dispatcher, plugins' startup hooks) instead of claiming readiness.
    """
    runtime: Runtime = request.app.state.runtime
    if runtime.lifecycle.draining:  # stopping: send the traffic elsewhere (sportello.lifecycle)
        return JSONResponse({"status": "draining"}, status_code=503)
    try:
        pending = await pending_migrations(runtime.db_config)
        if not pending and not runtime.started:
            await runtime.finish_start()
    except Exception as exc:
        return JSONResponse(
            {"status": "unavailable", "reason": type(exc).__name__}, status_code=503
        )
    if pending:
        return JSONResponse({"status": "migrations pending", "pending": pending}, status_code=503)
    if not runtime.started:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse({"status": "ready", "plugins": runtime.plugin_names})


def create_app(
    settings: Settings, plugins: Iterable[ModuleType | str] = (), runtime: Runtime | None = None
) -> Starlette:
    with _collector_paused():
        runtime = runtime or Runtime(settings, plugins)
        telemetry.configure(settings)
        graphql = SportelloGraphQL(runtime)
    api = Route("/graphql", graphql, methods=["GET", "POST"])
    routes: list[BaseRoute] = [  # the API first: routes are matched in turn on every request
        api,
        WebSocketRoute("/graphql", graphql),
        Route("/health", health),
        Route("/ready", ready),
    ]
    if settings.metrics.enabled:
        routes.append(Route("/metrics", scrape.endpoint, methods=["GET"]))
    sql.install()
    for _, extra in runtime.call_each_routes():
        routes.extend(extra)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        _freeze_startup_objects()
        # Migrations pending: finish starting as soon as someone applies them, even if
        # nothing polls /ready.
        watcher = None if runtime.started else asyncio.create_task(runtime.wait_and_start())
        uninstall = runtime.lifecycle.install()
        try:
            yield
        finally:
            uninstall()
            await runtime.lifecycle.finish_drain()
            if watcher is not None:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher
            await runtime.stop()

    # Outermost: the request line and its id cover every refusal made further in.
    middleware = [Middleware(Observe, metrics=runtime.metrics)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "accept-language", "x-request-id"],
            )
        )
    # Inside CORS: a browser client can read the 413 too.
    middleware.append(Middleware(BodySizeLimit, limit=settings.server.max_request_bytes))
    middleware.append(Middleware(RouteFirst, route=api))
    app = Starlette(debug=settings.debug, routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.runtime = runtime
    telemetry.instrument(app, runtime)
    return app


class RouteFirst:
    """Innermost middleware: requests for ``route`` (the API) go straight to it, past
    Starlette's exception middleware and router, which it needs neither of (the GraphQL view
    answers its own errors; an unexpected one still reaches the server error middleware).
    Everything else, a WebSocket or a method the route refuses included, takes the router.
    About 0.02 ms of every API request (``bench/crm.py``, a page of one)."""

    def __init__(self, app: ASGIApp, route: Route) -> None:
        self.app = app
        self.route = route

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            match, child_scope = self.route.matches(scope)
            if match is Match.FULL:
                scope.update(child_scope)
                scope["route"] = self.route  # as the router sets it: the log line's path
                await self.route.app(scope, receive, send)
                return
        await self.app(scope, receive, send)


_frozen = False
_built = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Importing the offices and building the schema allocate millions of objects that live as
    long as the process; the collector's automatic runs walked them again and again while they
    piled up (0.4-0.5 s of CPU of a cold start with every office, measured 2026-12-05). For the
    first app of a process the collector waits, then collects once and freezes what was built
    (the same as ``_freeze_startup_objects`` does at startup for the rest)."""
    global _built
    if _built or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
    _built = True
    gc.collect()
    gc.freeze()


def _freeze_startup_objects() -> None:
    """Move what startup built (schema, plugins, caches: it lives as long as the process) out
    of the garbage collector's reach. Full collections otherwise walk it all and stall a request
    for tens of milliseconds (measured 40 ms on the arrivals list: bench/README.md). Once per
    process: later apps in one process (tests) do not pin their objects."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
