"""Mutation plumbing owned in one place: permission, payload, typed errors.

A mutation resolver calls its service and returns what the service returned; ``mutation``
wraps it so that the client gets a payload with the object, or with ``errors { field code
message }`` when the service raised ``ServiceError`` (in the request's language), when a
string of the input is longer than ``graphql.max_text_length`` or when a value does not fit
its column (``sportello.columns``)::

    BookPayload = payload(Book, errors=LibraryError)

    @mutation("library.manage", BookPayload)
    async def book_create(info: Info, input: BookCreateInput) -> models.Book:
        return await services.create_book(info.context.actor, input.title, input.isbn)

A payload ``payload()`` cannot express (a non-null field, say) is written out as a strawberry
type with an ``errors`` list; ``mutation`` reads the error type from that field, and the
resolver returns the payload or a dict of its fields.
"""

from __future__ import annotations

import enum
import functools
import inspect
import re
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import strawberry
from strawberry import relay
from strawberry.permission import BasePermission
from strawberry.types.base import StrawberryList, get_object_definition
from strawberry.types.field import StrawberryField
from tortoise.exceptions import ValidationError

from sportello.graphql.errors import error_codes, error_type, errors_of
from sportello.graphql.inputfields import column_problem, too_long
from sportello.identity.permissions import requires
from sportello.services import ServiceError

_PAYLOADS: dict[str, tuple[tuple[Any, ...], type]] = {}


def office_errors(prefix: str, *codes: str, description: str | None = None) -> type:
    """An office's error type ``<Prefix>Error { field code message }`` with its code enum
    ``<Prefix>ErrorCode``: the common codes (INVALID, REQUIRED, NOT_FOUND, INVALID_ID,
    CONFLICT, FORBIDDEN) plus ``codes``."""
    return error_type(
        f"{prefix}Error", error_codes(f"{prefix}ErrorCode", *codes, description=description)
    )


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def payload(
    *nodes: type,
    errors: type,
    name: str | None = None,
    descriptions: Mapping[str, str] | None = None,
    **fields: Any,
) -> type:
    """A mutation payload: one nullable field per node type (``Book`` -> ``book``) and per
    keyword (``line=FolioLine``), plus ``errors: [<Office>Error!]!``; ``descriptions`` maps
    a field's Python name to its description (``{"token": "Shown once: keep it."}``).

    Named ``<First node>Payload`` unless ``name`` is given; asking twice for the same payload
    (same fields, same descriptions) gives the same type.
    """
    members: dict[str, Any] = {}
    for node in nodes:
        type_name = getattr(getattr(node, "__strawberry_definition__", None), "name", None)
        members[_snake(type_name or node.__name__)] = node
    members.update(fields)
    if not members:
        raise TypeError("payload() needs at least one object field")
    described = dict(descriptions or {})
    unknown = sorted(set(described) - set(members))
    if unknown:
        raise TypeError(f"payload() has descriptions for no field: {', '.join(unknown)}")
    if name is None:
        first = next(iter(members.values()))
        first_name = getattr(getattr(first, "__strawberry_definition__", None), "name", None)
        name = f"{first_name or first.__name__}Payload"
    key = (tuple(members.items()), errors, tuple(sorted(described.items())))
    known = _PAYLOADS.get(name)
    if known is not None:
        if known[0] != key:
            raise TypeError(f"payload {name} is already defined with other fields or descriptions")
        return known[1]
    annotations: dict[str, Any] = {f: t | None for f, t in members.items()}
    annotations["errors"] = list[errors]  # type: ignore[valid-type]  # a runtime-built type
    namespace: dict[str, Any] = {
        f: strawberry.field(default=None, description=described[f]) if f in described else None
        for f in members
    }
    namespace["errors"] = strawberry.field(default_factory=list)
    namespace["__annotations__"] = annotations
    namespace["__module__"] = __name__
    cls = strawberry.type(type(name, (), namespace))
    _PAYLOADS[name] = (key, cls)
    return cls


@functools.cache
def _parts(payload_cls: type) -> tuple[str, type]:
    """A payload's object field (its first field) and error type (what ``errors`` lists),
    read from its strawberry definition: the same for ``payload()``'s types and written-out ones."""
    definition = get_object_definition(payload_cls, strict=True)
    errors = next((f for f in definition.fields if f.python_name == "errors"), None)
    objects = [f.python_name for f in definition.fields if f.python_name != "errors"]
    if errors is None or not isinstance(errors.type, StrawberryList) or not objects:
        raise TypeError(
            f"{definition.name} is not a mutation payload: it needs a field and an `errors` list"
        )
    error_cls = errors.type.of_type
    if not isinstance(error_cls, type):
        raise TypeError(f"{definition.name}.errors: a list of an error type, not {error_cls!r}")
    return objects[0], error_cls


def _permission_classes(permission: Any) -> list[type[BasePermission]]:
    if isinstance(permission, str):
        return [requires(permission)]
    if isinstance(permission, type):
        return [permission]
    if isinstance(permission, Sequence) and all(isinstance(p, str) for p in permission):
        return [requires(*permission)]
    return list(permission)


def wrap_result(payload_cls: type, result: Any) -> Any:
    """The payload for what a resolver returned: a payload as is, a dict as its fields,
    anything else as the payload's object."""
    if isinstance(result, payload_cls):
        return result
    if isinstance(result, dict):
        return payload_cls(**result)
    return payload_cls(**{_parts(payload_cls)[0]: result})


def mutation(
    permission: str | Sequence[str] | type[BasePermission] | Sequence[type[BasePermission]],
    payload: type,
    *,
    description: str | None = None,
    name: str | None = None,
) -> Callable[[Callable[..., Awaitable[Any]]], StrawberryField]:
    """A root mutation field: ``permission`` (a code, codes, or permission classes), the
    ``payload`` type it answers with; ``ServiceError`` becomes ``payload.errors``."""
    error_cls = _parts(payload)[1]

    def decorate(fn: Callable[..., Awaitable[Any]]) -> StrawberryField:
        call, signature = _with_input(fn)

        @functools.wraps(fn)
        async def resolver(*args: Any, **kwargs: Any) -> Any:
            info = _info(kwargs)
            try:
                too_long(kwargs.get("input"), info.context.runtime.settings.graphql.max_text_length)
                result = await call(*args, **kwargs)
            except ServiceError as exc:
                return payload(errors=errors_of(exc, info, error_cls))
            except ValidationError as exc:
                problem = column_problem(exc, kwargs.get("input"))
                return payload(
                    errors=errors_of(ServiceError("", problems=[problem]), info, error_cls)
                )
            return wrap_result(payload, result)

        resolver.__signature__ = signature.replace(return_annotation=payload)  # type: ignore[attr-defined]  # read by inspect
        field = strawberry.mutation(
            resolver,
            permission_classes=_permission_classes(permission),
            description=description or (inspect.getdoc(fn) or None),
            name=name,
        )
        field.python_name = fn.__name__
        return field

    return decorate


_IMPLICIT = ("self", "root", "info")


def _with_input(fn: Callable[..., Awaitable[Any]]) -> tuple[Callable[..., Any], inspect.Signature]:
    """A resolver taking ``input`` is used as is. Otherwise its arguments become the fields
    of a generated input type ``<MutationName>Input`` (``book_create`` -> ``BookCreateInput``),
    so every mutation takes one ``input`` without a hand-written class."""
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())
    if any(p.name == "input" for p in params):
        return fn, signature
    hints = typing.get_type_hints(fn)
    fields = [p for p in params if p.name not in _IMPLICIT]
    name = "".join(part.capitalize() for part in fn.__name__.split("_")) + "Input"
    namespace: dict[str, Any] = {"__annotations__": {p.name: hints[p.name] for p in fields}}
    for p in fields:
        if p.default is not inspect.Parameter.empty:
            namespace[p.name] = p.default
    namespace["__module__"] = fn.__module__
    input_cls = strawberry.input(type(name, (), namespace))
    implicit = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in params if p.name in _IMPLICIT
    ]
    new = signature.replace(
        parameters=[
            *implicit,
            inspect.Parameter("input", inspect.Parameter.KEYWORD_ONLY, annotation=input_cls),
        ]
    )

    async def call(*args: Any, input: Any, **kwargs: Any) -> Any:
        values = {p.name: getattr(input, p.name) for p in fields}
        return await fn(*args, **kwargs, **values)

    return call, new


def _info(kwargs: dict[str, Any]) -> Any:
    info = kwargs.get("info")
    if info is None:
        info = next((v for v in kwargs.values() if isinstance(v, strawberry.Info)), None)
    if info is None:
        raise TypeError("a @mutation resolver takes `info: strawberry.Info`")
    return info


def query(
    permission: str | Sequence[str] | type[BasePermission] | Sequence[type[BasePermission]],
    *,
    description: str | None = None,
    name: str | None = None,
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """A root query field guarded by ``permission``; a ``ServiceError`` it raises reaches the
    client as an error with the problem's code (``extensions.code``), never as an internal one."""

    def decorate(fn: Callable[..., Any]) -> StrawberryField:
        field = strawberry.field(
            fn,
            permission_classes=_permission_classes(permission),
            description=description or (inspect.getdoc(fn) or None),
            name=name,
        )
        field.python_name = fn.__name__
        return field

    return decorate


def connection(
    connection_type: type,
    permission: str | Sequence[str] | type[BasePermission] | Sequence[type[BasePermission]],
    *,
    description: str | None = None,
    name: str | None = None,
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """A root list field: ``connection_type`` (``Connection[Book]``) guarded by ``permission``;
    the resolver returns an un-awaited QuerySet (or a ``PagedSource``). The typed form of
    ``relay.connection``."""

    def decorate(fn: Callable[..., Any]) -> StrawberryField:
        field: StrawberryField = relay.connection(
            connection_type,
            permission_classes=_permission_classes(permission),
            description=description or (inspect.getdoc(fn) or None),
            name=name,
        )(fn)
        return field

    return decorate


def codes_of(error_cls: type) -> type[enum.Enum]:
    """The code enum of an office's error type."""
    codes: type[enum.Enum] = error_cls.__annotations__["code"]
    return codes
