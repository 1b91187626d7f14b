"""Declarations plugins make through hooks: the events they publish and the handlers they run."""

from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

from pydantic import BaseModel, ValidationError

#: JSON types for the few one-word descriptions of the deprecated dict form.
_INFORMAL_TYPES = {"int": "integer", "str": "string", "bool": "boolean", "float": "number"}


class EventPayloadError(ValueError):
    """A payload that does not match its event type's model: a bug in the publishing code."""


@dataclass(frozen=True)
class EventType:
    """``name`` is dotted and owned by the publishing plugin: ``lodging.reservation.checked_out``.

    ``payload`` is a pydantic model describing the payload::

        class CheckedOut(BaseModel):
            reservation_id: int
            room_id: int

        EventType("lodging.reservation.checked_out", description="...", payload=CheckedOut)

    ``publish`` then validates every payload of this event against the model (a mismatch, or a
    key the model does not declare, raises ``EventPayloadError``) and stores its JSON form
    (``model_dump(mode="json", by_alias=True)``). ``schema()`` is its JSON schema, for docs and
    webhook consumers. A dict describing the payload in words still works but is deprecated,
    and such payloads are not validated.
    """

    name: str
    version: int = 1
    description: str = ""
    #: A pydantic model (a ``BaseModel`` subclass); deprecated: a ``{"key": "description"}`` dict.
    payload: type[BaseModel] | Mapping[str, str] | None = None
    #: Permission needed to see events of this type anywhere (besides their site): the
    #: ``events`` and ``eventDeliveries`` lists, subscriptions and webhook endpoints.
    permission: str | None = None

    def __post_init__(self) -> None:
        payload = self.payload
        if payload is None or _is_model(payload):
            return
        if isinstance(payload, BaseModel):
            raise TypeError(
                f"event type '{self.name}': payload must be the model class "
                f"{type(payload).__name__}, not an instance of it"
            )
        if isinstance(payload, Mapping):
            warnings.warn(
                f"event type '{self.name}': describing the payload with a dict is deprecated; "
                "declare the payload as a pydantic model (a BaseModel subclass): "
                "EventType(name, payload=MyPayload)",
                DeprecationWarning,
                stacklevel=3,  # the plugin's EventType(...) call
            )
            return
        raise TypeError(
            f"event type '{self.name}': payload must be a pydantic model class, not {payload!r}"
        )

    @property
    def model(self) -> type[BaseModel] | None:
        """The payload model, or None (no payload declared, or the deprecated dict form)."""
        payload = self.payload
        return payload if _is_model(payload) else None

    def schema(self) -> dict[str, Any]:
        """The payload's JSON schema: the model's (serialization mode: what handlers, webhooks
        and subscribers receive), or one derived from the deprecated dict form (its keys, and
        their descriptions; nothing is required there)."""
        model = self.model
        if model is not None:
            return model.model_json_schema(mode="serialization")
        schema: dict[str, Any] = {"title": self.name, "type": "object"}
        if isinstance(self.payload, Mapping):
            properties: dict[str, Any] = {}
            for key, text in self.payload.items():
                json_type = _INFORMAL_TYPES.get(str(text).strip().lower())
                properties[key] = {"type": json_type} if json_type else {"description": text}
            schema["properties"] = properties
        return schema

    def validate(self, payload: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
        """The payload as published: checked against the model (when there is one), as JSON.

        Raises ``EventPayloadError`` naming the event and the fields that do not match, and
        ``TypeError`` for something that is neither a mapping nor a pydantic model.
        """
        data = plain_payload(self.name, payload)
        model = self.model
        if model is None:
            return data
        # Keys the model does not declare are refused, unless the model decides itself.
        extra: Literal["forbid"] | None = None if model.model_config.get("extra") else "forbid"
        try:
            value = model.model_validate(data, extra=extra)
        except ValidationError as exc:
            raise EventPayloadError(_mismatch(self.name, model, exc)) from exc
        return value.model_dump(mode="json", by_alias=True)


def _is_model(value: object) -> TypeGuard[type[BaseModel]]:
    return isinstance(value, type) and issubclass(value, BaseModel)


def plain_payload(name: str, payload: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    """A payload as a dict, unchecked (a model instance as its JSON form)."""
    if isinstance(payload, BaseModel):
        return payload.model_dump(mode="json", by_alias=True)
    if isinstance(payload, dict):
        return payload
    if isinstance(payload, Mapping):
        return dict(payload)
    raise TypeError(
        f"event '{name}': the payload must be a dict or a pydantic model, "
        f"not {type(payload).__name__}"
    )


def _mismatch(name: str, model: type[BaseModel], exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(part) for part in err["loc"]) or "(payload)"
        problem = f"field '{where}': {err['msg']}"
        if err["type"] != "missing":
            shown = repr(err.get("input"))
            problem += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
        problems.append(problem)
    return f"event '{name}': the payload does not match {model.__name__}: " + "; ".join(problems)


class AlreadyApplied(Exception):
    """Raised by ``Event.transaction()`` when an earlier run already applied this delivery."""


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    version: int
    aggregate: str
    payload: dict[str, Any]
    site_id: int | None = None
    occurred_at: Any = None
    #: The delivery being handled (set by the dispatcher, None on subscriptions).
    delivery_id: int | None = field(default=None, compare=False, repr=False)

    @property
    def idempotency_key(self) -> str:
        return f"event:{self.id}"

    def transaction(self) -> AbstractAsyncContextManager[Any]:
        """A short transaction holding the handler's database effects and its delivery mark.

        The delivery is marked done in the same transaction, so the effects happen exactly
        once: when an earlier run already committed them, entering raises ``AlreadyApplied``
        (the dispatcher counts that as success) and the block does not run. Use it once per
        handler run, after any slow work::

            async def on_checkout(event: Event) -> None:
                folio = await fetch_folio(event.payload)   # slow work: no transaction held
                async with event.transaction():            # short: effects + the mark
                    await Invoice.create(...)
        """
        if _open_transaction is None:
            raise RuntimeError("Event.transaction() needs the event bus: import sportello.events")
        return _open_transaction(self)


#: What ``Event.transaction()`` opens. The event bus registers it when it is imported
#: (``sportello.events`` imports the bus), so that this module, below the implementation,
#: imports none of it.
_open_transaction: Callable[[Event], AbstractAsyncContextManager[Any]] | None = None


def register_transaction(factory: Callable[[Event], AbstractAsyncContextManager[Any]]) -> None:
    """Called by the event bus: ``factory(event)`` is ``event.transaction()``."""
    global _open_transaction
    _open_transaction = factory


@dataclass(frozen=True)
class EventHandler:
    """Runs after commit, at least once, outside any database transaction.

    Handlers must be short: ``handle`` is cancelled after ``timeout`` seconds, and a timeout
    counts as a failure. Failures are retried with exponential backoff; after ``max_attempts``
    the delivery is parked where admins can see and replay it.

    Database effects belong in ``async with event.transaction():`` (exactly once: the block
    also marks the delivery done); keep slow work (HTTP calls, files) before or after it,
    never inside, so no transaction is held while waiting. Other effects should use
    ``event.idempotency_key`` (``name`` + event id is unique per delivery).
    """

    event: str
    name: str
    handle: Callable[[Event], Awaitable[None]]
    max_attempts: int = 8
    #: seconds before a running ``handle`` is cancelled and the attempt counted as failed
    timeout: float = 30.0
