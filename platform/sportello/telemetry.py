"""OpenTelemetry traces, off unless ``[telemetry] otlp_endpoint`` is set (``sportello[otel]``).

One trace per request: the HTTP span (Starlette's instrumentation), the GraphQL operation and
its resolvers (strawberry's extension), their SQL, and the event handlers the request caused.
SQL spans come from asyncpg's instrumentation on PostgreSQL; on SQLite the queries run in
aiosqlite's thread, which no trace context reaches, so Tortoise's SQLite client is wrapped
instead. ``publish`` stores the request's ``traceparent`` with the outbox row, and the
dispatcher runs each handler in a span under it: the handler joins the request's trace even
when it runs later, or in another process.

Nothing here imports OpenTelemetry unless tracing is on: the packages are an optional extra.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sportello.errors import ConfigError

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from sportello.runtime import Runtime

#: The tracer provider of this process once tracing is on (one per process, like the exporters).
_provider: Any = None
_patched_sqlite = False
_SQL_METHODS = (
    "execute_query",
    "execute_query_dict",
    "execute_insert",
    "execute_many",
    "execute_script",
)


def provider() -> Any:
    return _provider


def configure(settings: Any) -> Any:
    """The process's tracer provider, exporting to the configured OTLP endpoint; None when
    tracing is off."""
    global _provider
    telemetry = settings.telemetry
    if _provider is not None or not telemetry.otlp_endpoint:
        return _provider
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
        from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
    except ImportError:
        raise ConfigError(
            "telemetry.otlp_endpoint is set but OpenTelemetry is not installed: "
            "pip install 'sportello[otel]'"
        ) from None
    tracer_provider = TracerProvider(
        resource=Resource.create({"service.name": telemetry.service_name}),
        sampler=ParentBased(TraceIdRatioBased(telemetry.sample_ratio)),
    )
    exporter = OTLPSpanExporter(endpoint=telemetry.otlp_endpoint, headers=telemetry.headers)
    tracer_provider.add_span_processor(BatchSpanProcessor(exporter))
    use(tracer_provider)
    return tracer_provider


def use(tracer_provider: Any) -> None:
    """Trace with this provider from now on (``configure``, or a test's in-memory one);
    None stops tracing."""
    global _provider
    _provider = tracer_provider
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    instrumentor = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.uninstrument()
    if tracer_provider is not None:
        instrumentor.instrument(tracer_provider=tracer_provider)
        _patch_sqlite()


def instrument(app: Starlette, runtime: Runtime) -> None:
    """The app's HTTP spans and the schema's GraphQL spans, when tracing is on."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.starlette import StarletteInstrumentor
    from strawberry.extensions.tracing import OpenTelemetryExtension

    tracer_provider = _provider

    class Tracing(OpenTelemetryExtension):
        def __init__(self, *, execution_context: Any = None) -> None:
            super().__init__(execution_context=execution_context, tracer_provider=tracer_provider)

    StarletteInstrumentor.instrument_app(app, tracer_provider=tracer_provider)
    schema = runtime.schema
    schema.extensions = (*schema.extensions, Tracing)


def _tracer() -> Any:
    from opentelemetry import trace

    return trace.get_tracer("sportello", tracer_provider=_provider)


def _patch_sqlite() -> None:
    """SQL spans on SQLite: around the client's methods, in the caller's task (and context)."""
    global _patched_sqlite
    if _patched_sqlite:
        return
    _patched_sqlite = True
    from tortoise.backends.sqlite import client

    for cls in (client.SqliteClient, client.SqliteTransactionWrapper):
        for name in _SQL_METHODS:
            method = getattr(cls, name, None)
            if method is not None and name in cls.__dict__:
                setattr(cls, name, _traced(method))


def _traced(method: Any) -> Any:
    @functools.wraps(method)
    async def traced(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if _provider is None:
            return await method(self, query, *args, **kwargs)
        from opentelemetry.trace import SpanKind

        operation = query.lstrip().split(None, 1)[0].upper() if query.strip() else "SQL"
        with _tracer().start_as_current_span(
            operation,
            kind=SpanKind.CLIENT,
            attributes={"db.system.name": "sqlite", "db.query.text": query},
        ):
            return await method(self, query, *args, **kwargs)

    return traced


# -- the outbox's trace context -------------------------------------------------------------
def current_traceparent() -> str | None:
    """The W3C ``traceparent`` of the current span, to store with an outbox event."""
    if _provider is None:
        return None
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    carrier: dict[str, str] = {}
    TraceContextTextMapPropagator().inject(carrier)
    return carrier.get("traceparent")


@contextlib.contextmanager
def handler_span(
    name: str, event_name: str, event_id: int, traceparent: str | None
) -> Iterator[None]:
    """The span of one handler run, a child of the span that published the event."""
    if _provider is None:
        yield
        return
    from opentelemetry.trace import SpanKind
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    parent = TraceContextTextMapPropagator().extract({"traceparent": traceparent or ""})
    with _tracer().start_as_current_span(
        f"event handler {name}",
        context=parent,
        kind=SpanKind.CONSUMER,
        attributes={"sportello.event.name": event_name, "sportello.event.id": event_id},
    ):
        yield
