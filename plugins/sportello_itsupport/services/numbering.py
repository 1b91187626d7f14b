"""Ticket numbers: one counter row, ``UPDATE ... SET last_number = last_number + 1 ... RETURNING last_number`` in
the creating transaction. The row lock serialises creators, a rolled back creation rolls its
number back too, so numbers are gapless; a UNIQUE constraint on the numbers backs it."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services._common import mark

KEY = "ticket"


async def ensure_counter() -> None:
    """The counter row, created race-free (UNIQUE key) before the first ticket."""
    if await m.TicketCounter.filter(name=KEY).exists():
        return
    try:
        async with api.atomic():
            await m.TicketCounter.create(name=KEY, last_number=0)
    except IntegrityError:
        pass


async def next_number(conn: BaseDBAsyncClient) -> int:
    """Increment and read the counter in one statement, inside the caller's transaction."""
    rows = await conn.execute_query_dict(
        f"UPDATE itsupport_ticket_counter SET last_number = last_number + 1 WHERE name = {mark(conn, 1)} "
        "RETURNING last_number",
        [KEY],
    )
    return int(rows[0]["last_number"])
