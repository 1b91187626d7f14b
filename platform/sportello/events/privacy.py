"""Personal data in the outbox: event payloads that name a party (GDPR export and erasure).

An event references a party when its aggregate is ``party:<id>`` or its payload holds the id
under a key ending in ``party_id`` (``guest_party_id``, ``host_party_id``, ``party_ids``...).
It mentions a party when a payload string equals one of the party's strong identifiers
(e.g. full name, email, phone, tax code, address): a visitor's name copied into a payload
is found that way. Erasure replaces, in place:

* in events that reference the party: every string equal to one of its personal values,
  given and family names included;
* in events that only mention it: the strings equal to a strong identifier;
* in the error text of those events' deliveries: the strong identifiers.

Strings that merely contain a name among other words are left alone, as in the audit trail
(``sportello.privacy``). Webhook bodies already delivered cannot be recalled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from typing import Any

import orjson
from tortoise.connection import get_connection

from sportello import writes
from sportello.events.models import DeliveryAttempt, EventDelivery, OutboxEvent
from sportello.identity.models import User
from sportello.parties.services import personal_identifiers
from sportello.scrub import ERASED, scrub, scrub_under

#: party id -> IDs of the events found at erasure, for ``scrub_erased_keys`` later in the
#: same erasure (the party's identifiers are gone by then, so mentions cannot be found again).
_FOUND: ContextVar[dict[int, list[int]] | None] = ContextVar(
    "sportello_erasure_events", default=None
)


async def personal_values(party_id: int) -> tuple[set[str], set[str]]:
    """The party's strong identifiers (every email and phone, names, tax code, street lines, its
    accounts' emails) and weak ones (given and family name), read now."""
    strong, weak = await personal_identifiers(party_id)
    if not strong and not weak:
        return set(), set()
    strong |= {row["email"] for row in await User.filter(party_id=party_id).values("email")}
    return strong, weak - strong


def _is_party_key(key: str) -> bool:
    k = key.lower().replace("_", "")
    return k.endswith("partyid") or k.endswith("partyids")


def references(payload: Any, party_id: int) -> bool:
    """Whether the payload holds ``party_id`` under a ``*party_id(s)`` key, at any depth."""
    wanted = {party_id, str(party_id)}
    if isinstance(payload, Mapping):
        for key, value in payload.items():
            if isinstance(key, str) and _is_party_key(key):
                values = value if isinstance(value, (list, tuple)) else [value]
                if any(not isinstance(v, bool) and v in wanted for v in values):
                    return True
            if references(value, party_id):
                return True
    elif isinstance(payload, list):
        return any(references(v, party_id) for v in payload)
    return False


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def _ids_like(conn: Any, patterns: list[str]) -> set[int]:
    """IDs of events whose payload JSON text matches one of the LIKE patterns (any case)."""
    if not patterns:
        return set()
    postgres = conn.capabilities.dialect == "postgres"
    column = "payload::text" if postgres else "payload"
    op = "ILIKE" if postgres else "LIKE"
    marks = [f"${i}" if postgres else "?" for i in range(1, len(patterns) + 1)]
    cond = " OR ".join(f"{column} {op} {m} ESCAPE '\\'" for m in marks)
    sql = f"SELECT id FROM events_outbox WHERE {cond}"
    return {int(r["id"]) for r in await conn.execute_query_dict(sql, patterns)}


def _reference_patterns(party_id: int) -> list[str]:
    """Coarse LIKE patterns for ``"...party_id": <id>`` in compact (SQLite) or spaced
    (PostgreSQL jsonb) JSON; ``references`` decides exactly."""
    out = []
    for sp in ("", " "):
        head = f'%party%id":{sp}'
        out += [f"{head}{party_id},%", f"{head}{party_id}}}%", f'{head}"{party_id}"%']
        out.append(f'%party%ids":{sp}[%{party_id}%')
    return out


async def find(party_id: int, strong: set[str]) -> tuple[list[OutboxEvent], set[int]]:
    """Events that reference or mention the party, and the IDs of those that reference it."""
    await writes.flush()  # the events this transaction published so far are found too
    conn = get_connection("default")
    coarse = await _ids_like(conn, _reference_patterns(party_id))
    needles = [f"%{_escape(orjson.dumps(v).decode())}%" for v in sorted(strong)]
    mentioned = await _ids_like(conn, needles)
    aggregate: set[int] = {
        row["id"] for row in await OutboxEvent.filter(aggregate=f"party:{party_id}").values("id")
    }
    rows = await OutboxEvent.filter(id__in=sorted(coarse | mentioned | aggregate)).order_by("id")
    referencing = {r.id for r in rows if r.id in aggregate or references(r.payload, party_id)}
    return [r for r in rows if r.id in referencing or r.id in mentioned], referencing


def _redact(text: str | None, strong: set[str]) -> str | None:
    if not text:
        return text
    for value in sorted(strong, key=len, reverse=True):
        text = text.replace(value, ERASED)
    return text


async def erase(party_id: int) -> bool:
    """Scrub the party's personal values from the outbox; True when something changed.

    Runs inside the erasure transaction, before the party row is anonymised.
    """
    strong, weak = await personal_values(party_id)
    if not strong and not weak:
        return False
    rows, referencing = await find(party_id, strong)
    found = _FOUND.get() or {}
    found[party_id] = [r.id for r in rows]
    _FOUND.set(found)
    changed = False
    for row in rows:
        personal = strong | weak if row.id in referencing else strong
        payload = scrub(row.payload, personal)
        if payload != row.payload:
            await OutboxEvent.filter(id=row.id).update(payload=payload)
            changed = True
    ids = [r.id for r in rows]
    if ids and strong:
        for d in await EventDelivery.filter(event_id__in=ids).exclude(last_error=None):
            text = _redact(d.last_error, strong)
            if text != d.last_error:
                await EventDelivery.filter(id=d.id).update(last_error=text)
        attempts = DeliveryAttempt.filter(delivery__event_id__in=ids).exclude(error=None)
        for a in await attempts:
            text = _redact(a.error, strong)
            if text != a.error:
                await DeliveryAttempt.filter(id=a.id).update(error=text)
    return changed


async def scrub_erased_keys(party_id: int, keys: Iterable[str]) -> bool:
    """In the events ``erase`` found for this party, replace every string stored under a key
    named like a column the offices erased (``company``, ``visitor_name``...).

    For ``sportello.privacy.erase_party`` to call after the offices' erase hooks, in the same
    transaction, with the column names of their reports (as it does for the audit trail).
    """
    names = {k for k in keys if k} - {"payload"}  # the outbox's own column, not a payload key
    ids = (_FOUND.get() or {}).pop(party_id, None)
    if ids is None:
        ids = [r.id for r in (await find(party_id, set()))[0]]
    if not names or not ids:
        return False
    changed = False
    for row in await OutboxEvent.filter(id__in=ids):
        payload = scrub_under(row.payload, names)
        if payload != row.payload:
            await OutboxEvent.filter(id=row.id).update(payload=payload)
            changed = True
    return changed


async def export(party_id: int) -> dict[str, Any]:
    """The events that reference or mention the party, for its data export."""
    strong, _ = await personal_values(party_id)
    rows, _ = await find(party_id, strong)
    return {
        "events": [
            {
                "id": r.id,
                "name": r.name,
                "aggregate": r.aggregate,
                "occurredAt": r.occurred_at.isoformat() if r.occurred_at else None,
                "payload": r.payload,
            }
            for r in rows
        ]
    }
