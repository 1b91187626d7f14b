"""``api.lock_live_party(..., shared=True)``: holders of the shared lock never wait for each
other (documents issued by one organisation at once), while the exclusive lock a merge or an
erasure takes waits for them, and they for it (PostgreSQL; SQLite runs one writer at a time)."""

from __future__ import annotations

import asyncio

import pytest

from sportello import api


async def test_shared_holders_pass_each_other_and_a_merge_waits(sportello_app) -> None:
    async with sportello_app() as h:
        if h.backend != "postgres":
            pytest.skip("SQLite runs one transaction at a time")
        org = (await api.PartyModel.create(kind="organisation", display_name="Aurora Srl")).id
        holding, release = asyncio.Event(), asyncio.Event()

        async def holder() -> None:
            async with api.atomic():
                await api.lock_live_party(org, "organisationId", shared=True)
                holding.set()
                await release.wait()

        async def shared() -> None:
            async with api.atomic():
                await api.lock_live_party(org, "organisationId", shared=True)

        async def exclusive() -> None:
            async with api.atomic():
                await api.lock_live_party(org, "sourceId")

        first = asyncio.create_task(holder())
        await holding.wait()
        await asyncio.wait_for(shared(), timeout=10)  # not queued behind the holder
        merging = asyncio.create_task(exclusive())
        await asyncio.sleep(0.5)
        assert not merging.done()  # the exclusive lock waits for the shared holder
        release.set()
        await asyncio.wait_for(first, timeout=10)
        await asyncio.wait_for(merging, timeout=10)


async def test_a_shared_lock_refuses_a_merged_party(sportello_app) -> None:
    async with sportello_app() as h:
        survivor = await api.PartyModel.create(kind="organisation", display_name="Aurora S.r.l.")
        merged = await api.PartyModel.create(
            kind="organisation", display_name="Aurora Srl", merged_into_id=survivor.id
        )
        with pytest.raises(api.ServiceError) as refused:
            async with api.atomic():
                await api.lock_live_party(merged.id, "organisationId", shared=True)
        problem = refused.value.problems[0]
        assert (problem.code, problem.field) == ("NOT_FOUND", "organisationId")
        assert h.backend in {"sqlite", "postgres"}
