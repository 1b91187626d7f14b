"""What one HTTP request (or one WebSocket operation) did, gathered while it runs.

The layers that know a piece of it write here without knowing each other: the middleware
(request id, path, status, duration), the GraphQL extension (operation name and type, user,
errors), ``errors_of`` (payload error codes), the Tortoise wrapper (SQL statements) and the
view's early refusals. The record travels in a context variable, so tasks started by the
request (DataLoader batches) count into it too.
"""

from __future__ import annotations

import re
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

#: ASGI scope key of the server's request id (the middleware sets it, the view reuses it).
REQUEST_ID_KEY = "sportello.request_id"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,127}")


@dataclass
class Operation:
    """One GraphQL operation; ``name`` is None for an anonymous or invalid one."""

    name: str | None = None
    #: query, mutation, subscription; ``none`` when the document did not parse
    type: str = "none"
    user_id: int | None = None
    actor: str = "anonymous"
    #: codes of GraphQL errors (``extensions.code``)
    errors: list[str] = field(default_factory=list)
    #: codes of mutation payload errors (``errors { code }``): refusals by the service
    refusals: list[str] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        """``failed`` (the server's fault), ``error`` (the request's), ``rejected`` (a mutation
        payload carried errors) or ``ok``."""
        if "INTERNAL_SERVER_ERROR" in self.errors:
            return "failed"
        if self.errors:
            return "error"
        return "rejected" if self.refusals else "ok"


_SEVERITY = {"ok": 0, "rejected": 1, "error": 2, "failed": 3}


def worst(operations: list[Operation]) -> str:
    """The outcome of a batch: its worst operation's."""
    return max((op.outcome for op in operations), key=_SEVERITY.__getitem__, default="ok")


@dataclass
class Record:
    request_id: str
    start: float
    transport: str = "http"
    client_request_id: str | None = None
    #: SQL statements sent while it ran
    sql: int = 0
    operations: list[Operation] = field(default_factory=list)
    #: codes of refusals before any operation ran (BAD_REQUEST, UNAUTHENTICATED...)
    errors: list[str] = field(default_factory=list)


_current: ContextVar[Record | None] = ContextVar("sportello_ops_record", default=None)
_operation: ContextVar[Operation | None] = ContextVar("sportello_ops_operation", default=None)


def current() -> Record | None:
    return _current.get()


def activate(record: Record | None) -> Token[Record | None]:
    return _current.set(record)


def deactivate(token: Token[Record | None]) -> None:
    try:
        _current.reset(token)
    except ValueError:  # closed from another context (a cancelled stream): just clear it
        _current.set(None)


def begin_operation(operation: Operation) -> Token[Operation | None]:
    return _operation.set(operation)


def end_operation(token: Token[Operation | None]) -> None:
    try:
        _operation.reset(token)
    except ValueError:
        _operation.set(None)


def count_statement() -> None:
    record = _current.get()
    if record is not None:
        record.sql += 1


def note_refusal(codes: list[str]) -> None:
    """Payload error codes of the running operation (``errors_of``)."""
    operation = _operation.get()
    if operation is not None:
        operation.refusals.extend(codes)


def note_error(code: str) -> None:
    """A refusal before GraphQL ran: the body did not parse, the token is invalid..."""
    record = _current.get()
    if record is not None:
        record.errors.append(code)


def operation_name(name: object) -> str | None:
    """``name`` when it is a GraphQL name (what a client sends may be anything)."""
    if isinstance(name, str) and _NAME.fullmatch(name):
        return name
    return None
