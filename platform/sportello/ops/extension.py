"""The GraphQL side of the request record: which operation ran, for whom, and how it ended.

Over HTTP the middleware owns the record and writes the line once the response is sent; this
extension only fills in the operation. Over a WebSocket there is no request per operation:
each operation is its own record, logged (``event: operation``) and counted when it ends, a
subscription when it stops. Running subscriptions are counted from the start of their
execution to their end.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import structlog
from graphql import GraphQLError, GraphQLSyntaxError, OperationDefinitionNode
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension

from sportello.ops import logs
from sportello.ops.record import (
    Operation,
    Record,
    activate,
    begin_operation,
    current,
    deactivate,
    end_operation,
    operation_name,
)

#: the codes of errors that carry none: graphql-core's parse, validation (variables included)
#: and execution errors (a null for a non-null field)
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
EXECUTION_FAILED = "GRAPHQL_EXECUTION_FAILED"


def _definition(document: Any, name: str | None) -> OperationDefinitionNode | None:
    if document is None:
        return None
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return ops[0] if len(ops) == 1 else None
    return next((d for d in ops if d.name is not None and d.name.value == name), None)


def _code(error: GraphQLError) -> str:
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    if isinstance(error, GraphQLSyntaxError):
        return PARSE_FAILED
    return EXECUTION_FAILED if error.path else VALIDATION_FAILED


def _codes(errors: list[GraphQLError] | None) -> list[str]:
    return [_code(error) for error in errors or ()]


class ObserveOperations(SchemaExtension):
    def __init__(self) -> None:
        self.subscribed = False

    def _metrics(self) -> Any:
        runtime = getattr(self.execution_context.context, "runtime", None)
        return getattr(runtime, "metrics", None)

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        request = current()
        own: Record | None = None
        if request is None:  # a WebSocket operation (or a direct execute): its own record
            socket = isinstance(getattr(context, "request", None), WebSocket)
            own = Record(
                request_id=str(getattr(context, "request_id", "") or ""),
                start=time.perf_counter(),
                transport="websocket" if socket else "internal",
                client_request_id=getattr(context, "client_request_id", None),
            )
            token = activate(own)
            bound = structlog.contextvars.bind_contextvars(request_id=own.request_id)
        op = Operation()
        (request or own).operations.append(op)  # type: ignore[union-attr]  # one is set
        op_token = begin_operation(op)
        try:
            yield
        finally:
            end_operation(op_token)
            self._fill(op)
            metrics = self._metrics()
            if self.subscribed and metrics is not None:
                metrics.subscriptions.dec()
            if own is not None:
                with contextlib.suppress(ValueError):  # a stream closed from another context
                    structlog.contextvars.reset_contextvars(**bound)
                deactivate(token)
                self._finish(own, metrics)

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        definition = _definition(ec.graphql_document, ec.operation_name)
        if definition is not None and definition.operation.value == "subscription":
            metrics = self._metrics()
            if metrics is not None:
                metrics.subscriptions.inc()
                self.subscribed = True
        yield

    def _fill(self, op: Operation) -> None:
        ec = self.execution_context
        definition = _definition(ec.graphql_document, operation_name(ec.operation_name))
        if definition is not None:
            op.type = definition.operation.value
            op.name = definition.name.value if definition.name else None
        else:
            op.name = operation_name(ec.operation_name)
        actor = getattr(ec.context, "actor", None)
        op.user_id = getattr(actor, "user_id", None)
        op.actor = str(getattr(actor, "kind", "anonymous"))
        result = ec.result
        errors = getattr(result, "errors", None) if result is not None else None
        op.errors = _codes(errors if errors else ec.pre_execution_errors)

    def _finish(self, record: Record, metrics: Any) -> None:
        seconds = time.perf_counter() - record.start
        logs.emit("operation", record, seconds, logs.level_of())
        if metrics is not None:
            metrics.observe(record, seconds)
