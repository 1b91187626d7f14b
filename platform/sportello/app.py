"""The ASGI application: /graphql, /health, /ready and the enabled plugins' routes."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterable
from types import ModuleType

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route, WebSocketRoute

from sportello.db import pending_migrations
from sportello.runtime import Runtime
from sportello.settings import Settings


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    try:
        pending = await pending_migrations(runtime.db_config)
    except Exception as exc:
        return JSONResponse(
            {"status": "unavailable", "reason": type(exc).__name__}, status_code=503
        )
    if pending:
        return JSONResponse({"status": "migrations pending", "pending": pending}, status_code=503)
    return JSONResponse({"status": "ready", "plugins": runtime.plugin_names})


def create_app(
    settings: Settings, plugins: Iterable[ModuleType | str] = (), runtime: Runtime | None = None
) -> Starlette:
    from sportello.graphql.view import SportelloGraphQL

    runtime = runtime or Runtime(settings, plugins)
    graphql = SportelloGraphQL(runtime)
    routes: list[BaseRoute] = [
        Route("/health", health),
        Route("/ready", ready),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    for _, extra in runtime.call_each_routes():
        routes.extend(extra)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    middleware = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "accept-language", "x-request-id"],
            )
        )
    app = Starlette(debug=settings.debug, routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.runtime = runtime
    return app
