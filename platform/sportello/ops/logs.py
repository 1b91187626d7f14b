"""Logs: one line per HTTP request (and per WebSocket operation), as JSON or for people.

Every log record of the process goes through the same structlog formatter, so the request
line, a masked error's traceback and uvicorn's own messages share one format, and all lines
written while a request runs carry its ``request_id`` (bound in structlog's context variables).

The request line says what ran and how it went, never what was sent: the operation's name and
type, never the query text nor the variables (a literal in ``tokenCreate(password: "...")`` is
a password), never a token, an email address or the client's IP; the user by id only.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any, TextIO

import orjson
import structlog

from sportello.ops.record import Operation, Record, worst
from sportello.settings import Settings

access = logging.getLogger("sportello.access")
#: the LogRecord attribute carrying a request line's fields (``extra=``)
FIELDS = "sportello_fields"
#: probes and scrapes come every few seconds: their lines are written at debug level
QUIET_PATHS = frozenset({"/health", "/ready", "/metrics"})
_HANDLER_MARK = "_sportello_handler"


def _lift_fields(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """The fields a stdlib record carries (``extra={FIELDS: {...}}``) become keys of the line."""
    fields = getattr(event.get("_record"), FIELDS, None)
    if isinstance(fields, Mapping):
        event.update(fields)
    return event


def _dumps(data: Any, **kw: Any) -> str:
    return orjson.dumps(data, default=kw.get("default", str)).decode()


def _shared() -> list[Any]:
    """What every line gets: the request's bound values, its logger, level and time."""
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def formatter(fmt: str, *, colors: bool = False) -> logging.Formatter:
    pre_chain: list[Any] = [*_shared(), _lift_fields]
    renderer: Any
    final: list[Any] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if fmt == "json":
        final.append(structlog.processors.format_exc_info)
        renderer = structlog.processors.JSONRenderer(serializer=_dumps)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=colors)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=pre_chain, processors=[*final, renderer]
    )


def handler(fmt: str, stream: TextIO | None = None) -> logging.Handler:
    """A handler writing ``fmt`` lines to ``stream`` (standard error by default)."""
    out = stream or sys.stderr
    h = logging.StreamHandler(out)
    h.setFormatter(formatter(fmt, colors=fmt == "console" and out.isatty()))
    setattr(h, _HANDLER_MARK, True)
    return h


def configure(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Route every logger of the process to one handler in the configured format and level.

    Idempotent (``sportello serve`` and each uvicorn worker call it): the handler installed
    by an earlier call is replaced. uvicorn's loggers propagate to it, except its access log:
    the request line replaces it (and never names the client's IP address).
    """
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
    installed = handler(settings.log_format, stream)
    root.addHandler(installed)
    root.setLevel(settings.logging.level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.setLevel(logging.NOTSET)  # the configured level, not one a uvicorn.Config set
        logger.disabled = False
        logger.propagate = name != "uvicorn.access"
    return installed


def _operation_fields(op: Operation) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "operation": op.name,
        "operation_type": op.type,
        "outcome": op.outcome,
        "user_id": op.user_id,
        "actor": op.actor,
    }
    if op.errors:
        fields["errors"] = op.errors
    if op.refusals:
        fields["refusals"] = op.refusals
    return fields


def line(record: Record, seconds: float, **extra: Any) -> dict[str, Any]:
    """The fields of the request line: ``request_id``, the operation, ``duration_ms``..."""
    fields: dict[str, Any] = {"request_id": record.request_id, "transport": record.transport}
    if record.client_request_id:
        fields["client_request_id"] = record.client_request_id
    fields.update(extra)
    ops = record.operations
    if len(ops) == 1:
        fields.update(_operation_fields(ops[0]))
    elif ops:
        fields["operations"] = [_operation_fields(op) for op in ops]
        fields["outcome"] = worst(ops)
        fields["user_id"] = ops[0].user_id
    if record.errors:
        fields["errors"] = record.errors
    if not ops and "status" in fields:
        fields["outcome"] = "failed" if fields["status"] >= 500 else "ok"
        if record.errors or 400 <= fields["status"] < 500:
            fields["outcome"] = "error"
    fields["duration_ms"] = round(seconds * 1000, 2)
    fields["sql"] = record.sql
    return fields


def level_of(path: str | None = None) -> int:
    """Where the request line of ``path`` goes: probes and scrapes at debug, the rest at info."""
    return logging.DEBUG if path in QUIET_PATHS else logging.INFO


def emit(event: str, record: Record, seconds: float, level: int, **extra: Any) -> None:
    """Write the line of ``record`` if its level is on (it is not even built otherwise)."""
    if access.isEnabledFor(level):
        access.log(level, event, extra={FIELDS: line(record, seconds, **extra)})
