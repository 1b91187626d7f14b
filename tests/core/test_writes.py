"""Audit entries and outbox events written together just before commit (``sportello.writes``):
still in the change's transaction, dropped with it or with its savepoint, their ids known after
commit, and on PostgreSQL one statement for the entries, the events and their NOTIFY."""

from __future__ import annotations

from typing import Any

import pytest

from sportello import api, writes
from sportello.events.models import OutboxEvent
from sportello.identity.models import AuditEntry, AuditSite
from sportello.testing import count_queries


async def _counts() -> tuple[int, int]:
    return await AuditEntry.all().count(), await OutboxEvent.all().count()


async def test_entries_and_events_go_out_together_before_commit(sportello_app: Any) -> None:
    async with sportello_app([]) as h:
        before = await _counts()
        with count_queries() as sent:
            async with api.atomic():
                entry = await api.record(api.SYSTEM, "thingDo", object_type="Thing", object_id=1)
                other = await api.record(api.SYSTEM, "thingDo", object_type="Thing", object_id=2)
                event = await api.publish("test.thing.done", {"n": 1}, aggregate="thing:1")
                assert sent == []  # nothing sent yet
                assert entry.id is None and not event.id
        assert await _counts() == (before[0] + 2, before[1] + 1)
        # The ids are known once written, in the order of the calls.
        assert entry.id is not None and other.id == entry.id + 1
        row = await OutboxEvent.get(id=event.id)
        assert row.payload == {"n": 1} and row.aggregate == "thing:1"
        assert (await AuditEntry.get(id=other.id)).object_id == "2"
        if h.backend == "postgres":
            [statement] = sent
            assert "identity_audit_entry" in statement and "pg_notify(" in statement
        else:
            # One INSERT through the view whose trigger puts each row into its table.
            [statement] = sent
            assert statement.startswith('INSERT INTO "core_end_rows"')


async def test_interleaved_rows_get_their_own_ids(sportello_app: Any) -> None:
    async with sportello_app([]):
        entries, events = [], []
        async with api.atomic():
            for n in range(3):
                entries.append(
                    await api.record(api.SYSTEM, f"op{n}", object_type="Thing", object_id=n)
                )
                events.append(await api.publish(f"test.thing.n{n}", {"n": n}, aggregate="t"))
        for n in range(3):
            assert (await AuditEntry.get(id=entries[n].id)).operation == f"op{n}"
            assert (await OutboxEvent.get(id=events[n].id)).payload == {"n": n}


async def test_the_sqlite_view_has_the_models_columns(sportello_app: Any) -> None:
    """A model column added without a migration replacing the view would send its rows one
    statement per table again: this says so."""
    from sportello.sla.models import SlaClock

    async with sportello_app([]) as h:
        if h.backend != "sqlite":
            return
        db = AuditEntry._meta.db
        _, info = await db.execute_query(f'PRAGMA table_info("{writes.END_ROWS_VIEW}")')
        in_view = {r["name"] for r in info}
        for model in (AuditEntry, OutboxEvent, SlaClock):
            meta = model._meta
            table = meta.db_table
            columns = {
                meta.fields_db_projection[n]
                for n in meta.fields_db_projection
                if n != meta.pk_attr and n in meta.fields_map
            }
            assert writes.END_ROWS[table][0] == columns, table
            assert {f"{table}__{c}" for c in columns} <= in_view


async def test_a_rollback_writes_nothing(sportello_app: Any) -> None:
    async with sportello_app([]):
        before = await _counts()
        with pytest.raises(RuntimeError):
            async with api.atomic():
                await api.record(api.SYSTEM, "thingDo", object_type="Thing", object_id=1)
                await api.publish("test.thing.done", {"n": 1}, aggregate="thing:1")
                raise RuntimeError("changed my mind")
        assert await _counts() == before


async def test_a_failed_savepoint_drops_only_its_own(sportello_app: Any) -> None:
    async with sportello_app([]):
        before = await _counts()
        async with api.atomic():
            await api.record(api.SYSTEM, "outer", object_type="Thing", object_id=1)
            with pytest.raises(api.ServiceError):
                async with api.atomic():
                    await api.record(api.SYSTEM, "inner", object_type="Thing", object_id=2)
                    await api.publish("test.thing.inner", {}, aggregate="thing:2")
                    raise api.ServiceError("INVALID", "core.invalid")
            async with api.atomic():  # a savepoint that succeeds keeps its own
                await api.publish("test.thing.kept", {}, aggregate="thing:3")
        assert await _counts() == (before[0] + 1, before[1] + 1)
        assert await AuditEntry.filter(operation="inner").count() == 0
        assert [e.name for e in await OutboxEvent.filter(aggregate__startswith="thing:")] == [
            "test.thing.kept"
        ]


async def test_outside_atomic_rows_are_written_at_once(sportello_app: Any) -> None:
    async with sportello_app([]):
        entry = await api.record(api.SYSTEM, "alone", object_type="Thing", object_id=9)
        assert entry.id is not None
        assert (await AuditEntry.get(id=entry.id)).operation == "alone"
        event = await api.publish("test.thing.alone", {}, aggregate="thing:9")
        assert (await OutboxEvent.get(id=event.id)).name == "test.thing.alone"


async def test_an_entry_with_several_sites_is_written_with_its_links(sportello_app: Any) -> None:
    async with sportello_app([]):
        async with api.atomic():
            entry = await api.record(api.SYSTEM, "both", object_type="Thing", site_ids=[1, 2])
            assert entry.id is not None  # its links need it now
        assert {s.site_id for s in await AuditSite.filter(entry_id=entry.id)} == {2}


async def test_many_rows_go_out_in_few_statements_with_their_ids(sportello_app: Any) -> None:
    """More parameters than one statement takes (through SQLite's view a row has a parameter
    for each column of every table in the statement): split, every id still the row's."""
    async with sportello_app([]) as h:
        before = await _counts()
        with count_queries() as sent:
            async with api.atomic():
                entries = [
                    await api.record(api.SYSTEM, f"many{n}", object_type="Thing", object_id=n)
                    for n in range(1000)
                ]
                events = [
                    await api.publish("test.thing.many", {"n": n}, aggregate=f"many:{n}")
                    for n in range(1000)
                ]
        assert len(sent) == 1 if h.backend == "postgres" else 1 < len(sent) <= 4, len(sent)
        assert await _counts() == (before[0] + 1000, before[1] + 1000)
        for n in (0, 599, 999):
            assert (await AuditEntry.get(id=entries[n].id)).object_id == str(n)
            assert (await OutboxEvent.get(id=events[n].id)).payload == {"n": n}
