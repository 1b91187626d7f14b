"""Typed business errors in mutation payloads: ``errors { field code message }``."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

import strawberry

from sportello.ops.record import note_refusal
from sportello.services import ServiceError

#: Codes every error enum carries, so generic validation reads the same in every office.
COMMON_CODES = (
    "INVALID",
    "REQUIRED",
    "NOT_FOUND",
    "INVALID_ID",
    "CONFLICT",
    "FORBIDDEN",
    "TOO_LONG",
    "OUT_OF_RANGE",
)


@strawberry.interface(description="A business outcome the client can fix; `field` names the input.")
class UserError:
    field: str | None
    message: str


def error_codes(name: str, *codes: str, description: str | None = None) -> type[enum.Enum]:
    """An error-code enum holding the common codes plus the plugin's own."""
    members = dict.fromkeys((*COMMON_CODES, *codes))
    enum_cls = enum.Enum(name, {code: code for code in members})  # type: ignore[misc]  # a computed name
    return strawberry.enum(enum_cls, description=description)


E = TypeVar("E")


def error_type(name: str, codes: type[enum.Enum]) -> type:
    """A concrete error type ``{ field code message }`` for one plugin's codes."""
    cls = type(name, (UserError,), {"__annotations__": {"code": codes}, "__module__": __name__})
    return strawberry.type(cls)


def errors_of(exc: ServiceError, info: strawberry.Info, error_cls: type[E]) -> list[E]:
    """Translate a ServiceError into payload errors in the request's language (their codes go
    to the request's log line and metrics)."""
    catalog = info.context.runtime.catalog
    codes = error_cls.__annotations__["code"]
    out: list[Any] = []
    for problem in exc.problems:
        code = codes[problem.code] if problem.code in codes.__members__ else codes["INVALID"]
        message = catalog.gettext(problem.message, info.context.language, **problem.params)
        out.append(error_cls(field=problem.field, code=code, message=message))  # type: ignore[call-arg]  # error_type() fields
    note_refusal([str(error.code.name) for error in out])
    return out
