"""With tracing on, a mutation is one trace: the HTTP request, the GraphQL operation, its SQL,
and the span of the event handler it caused (joined through the outbox's traceparent)."""

from __future__ import annotations

import asyncio

import pytest
import tracetest

pytest.importorskip("opentelemetry.sdk")

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind

from sportello import telemetry


async def test_a_mutation_is_one_trace_down_to_its_event_handler(sportello_app) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    telemetry.use(provider)
    tracetest.HANDLED.clear()
    try:
        async with sportello_app(["tracetest"], [tracetest]) as h:
            result = await h.gql("mutation { traceBump(n: 3) }", as_=None, check_audit=False)
            assert "errors" not in result, result
            for _ in range(400):
                if tracetest.HANDLED:
                    break
                await asyncio.sleep(0.025)
            assert tracetest.HANDLED == [3]
            await asyncio.sleep(0.05)  # the handler's span ends just after its effect
    finally:
        telemetry.use(None)

    spans = exporter.get_finished_spans()
    handler = [s for s in spans if s.name == "event handler tracetest.record"]
    assert len(handler) == 1, [s.name for s in spans]
    trace_id = handler[0].context.trace_id
    in_trace = [s for s in spans if s.context.trace_id == trace_id]
    names = [s.name for s in in_trace]
    roots = [s.name for s in in_trace if s.parent is None]
    assert roots == ["POST /graphql"], names  # the request is the root of it all
    assert any(s.name.startswith("GraphQL") for s in in_trace), names
    sql = [s for s in in_trace if s.kind == SpanKind.CLIENT and s.attributes]
    assert any(
        "INSERT" in str(s.attributes.get("db.query.text", s.attributes.get("db.statement", "")))
        for s in sql
    ), names
    # The handler's own SQL is in the trace too, under the handler's span.
    assert any(
        s.parent is not None and s.parent.span_id == handler[0].context.span_id for s in sql
    ), names
