"""What every plugin's service layer shares: typed business errors, the actor, transactions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from sportello import writes


@dataclass(frozen=True)
class Problem:
    """One business outcome a client can fix: a code (enum value), the input field, a message key."""

    code: str
    message: str
    field: str | None = None
    params: dict[str, Any] = dc_field(default_factory=dict)


class ServiceError(Exception):
    """Raised by services for outcomes a client can fix; GraphQL turns it into payload ``errors``.

    ``message`` is a catalogue key (``lodging.room_unavailable``) or plain English text.
    """

    def __init__(
        self,
        code: str,
        message: str | None = None,
        field: str | None = None,
        *,
        problems: Iterable[Problem] = (),
        **params: Any,
    ) -> None:
        self.problems = list(problems) or [Problem(code, message or code, field, params)]
        super().__init__("; ".join(f"{p.field or '-'}: {p.code}" for p in self.problems))

    @property
    def code(self) -> str:
        return self.problems[0].code


@dataclass(frozen=True)
class Actor:
    """Who acts: a user, a service account or the system (demo loader, event handlers)."""

    user_id: int | None = None
    party_id: int | None = None
    email: str | None = None
    roles: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()
    #: ``None`` means every site; otherwise the sites this actor may read and write.
    site_ids: frozenset[int] | None = frozenset()
    is_superuser: bool = False
    kind: str = "anonymous"  # anonymous | user | service | system | display
    request_id: str | None = None
    #: the client's X-Request-ID (sanitised); ``request_id`` is always the server's own
    client_request_id: str | None = None
    language: str = "en"

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    def has(self, permission: str) -> bool:
        return self.is_superuser or permission in self.permissions

    def may_see_site(self, site_id: int | None) -> bool:
        return self.site_ids is None or site_id is None or site_id in self.site_ids

    def label(self) -> str:
        return self.email or self.kind

    def on_request(
        self, request_id: str | None, client_request_id: str | None, language: str
    ) -> Actor:
        """This actor with one request's fields: what ``dataclasses.replace`` returns, without
        running the frozen class's ``__init__`` (every authenticated request makes one)."""
        actor = object.__new__(Actor)
        actor.__dict__.update(
            self.__dict__,
            request_id=request_id,
            client_request_id=client_request_id,
            language=language,
        )
        return actor


SYSTEM = Actor(kind="system", is_superuser=True, site_ids=None)
ANONYMOUS = Actor()


@asynccontextmanager
async def atomic() -> AsyncIterator[BaseDBAsyncClient]:
    """One database transaction; queries inside it use it without being told.

    The rows nothing reads back before commit (audit entries, outbox events: see
    ``sportello.writes``) wait until the outermost ``atomic()`` ends and go out together just
    before it commits; a nested ``atomic()`` (a savepoint) that fails drops its own."""
    outer = writes.current()
    if outer is not None:
        mark, after = len(outer.rows), len(outer.after)
        try:
            async with in_transaction() as conn:
                yield conn
        except BaseException:
            del outer.rows[mark:], outer.after[after:]
            raise
        return
    pending, token = writes.open_buffer()
    try:
        async with in_transaction() as conn:
            yield conn
            await writes.flush(conn)
    finally:
        writes.close_buffer(pending, token)
    for wake in pending.after:
        wake()


def require(
    condition: bool, code: str, message: str, field: str | None = None, **params: Any
) -> None:
    if not condition:
        raise ServiceError(code, message, field, **params)


async def get_or_error(
    model: type[Model], pk: Any, field: str | None = None, *, lock: bool = False
) -> Any:
    """The row ``pk`` of ``model``, or ``ServiceError(NOT_FOUND)`` naming the input ``field``.

    ``lock=True`` takes a row lock (``SELECT ... FOR UPDATE`` on PostgreSQL) for the rest of
    the surrounding transaction."""
    qs = model.filter(pk=pk)
    if lock:
        qs = qs.select_for_update()
    row = await qs.first()
    if row is None:
        raise ServiceError("NOT_FOUND", "core.not_found", field)
    return row
