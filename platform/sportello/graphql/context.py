"""The per-request context and the per-operation DataLoader registry."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.dataloader import DataLoader
from strawberry.extensions import SchemaExtension

from sportello.services import Actor

if TYPE_CHECKING:
    from sportello.runtime import Runtime

_loaders: ContextVar[dict[Hashable, DataLoader[Any, Any]] | None] = ContextVar(
    "sportello_loaders", default=None
)


@dataclass
class Context:
    runtime: Runtime
    request: Request | WebSocket
    response: Response | None
    actor: Actor
    request_id: str
    language: str = "en"
    #: the client's own X-Request-ID (sanitised), kept apart from ``request_id``
    client_request_id: str | None = None
    connection_params: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def get_loader(key: Hashable, factory: Callable[[], DataLoader[Any, Any]]) -> DataLoader[Any, Any]:
    """One loader per key per operation: WebSocket operations never share a stale cache."""
    registry = _loaders.get()
    if registry is None:
        registry = {}
        _loaders.set(registry)
    loader = registry.get(key)
    if loader is None:
        loader = registry[key] = factory()
    return loader


class OperationLoaders(SchemaExtension):
    """Starts a fresh loader registry for every operation, HTTP or WebSocket."""

    def on_operation(self) -> Iterator[None]:
        token = _loaders.set({})
        yield
        _loaders.reset(token)
