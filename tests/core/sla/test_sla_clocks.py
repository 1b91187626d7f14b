"""Clocks: pauses, reassessment, legal deadlines, warnings and breaches exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt

from sla_helpers import T0, clock_of, clocks, create_policy, parse, site, t

from sportello import api
from sportello.sla.services import sweep


async def _events(name: str) -> list[dict]:
    from sportello.events.models import OutboxEvent

    rows = await OutboxEvent.filter(name=name).order_by("id")
    return [row.payload for row in rows]


async def test_paused_twice_then_a_stricter_policy_keeps_the_paused_time(sportello_app) -> None:
    """The acceptance: pauses do not count and survive a policy change; one breach event."""
    async with sportello_app() as h:
        site_id = await site(h)
        normal = await create_policy(h, name="Normal", position=50, resolutionMinutes=240)
        strict = await create_policy(
            h, name="High", position=10, priority="high", resolutionMinutes=120
        )
        sid = api.decode_id(site_id, "Site", "siteId")
        await api.sla_start("crm", "case", 1, site_id=sid, priority="normal", at=T0)
        clock = await clock_of(h, "crm", 1)
        assert clock["policy"]["name"] == normal["name"]
        assert parse(clock["dueResolutionAt"]) == t(240)
        await api.sla_pause("crm", "case", 1, "waiting_customer", at=t(30))
        paused = await clock_of(h, "crm", 1)
        assert paused["state"] == "PAUSED" and paused["dueResolutionAt"] is None
        await api.sla_pause("crm", "case", 1, "waiting_customer", at=t(40))  # already paused
        await api.sla_resume("crm", "case", 1, at=t(90))
        await api.sla_pause("crm", "case", 1, "waiting_third_party", at=t(100))
        await api.sla_resume("crm", "case", 1, at=t(130))
        clock = await clock_of(h, "crm", 1)
        # 40 minutes counted (30 + 10), 90 paused: due 200 minutes after the last resume.
        assert (clock["usedBusinessMinutes"], clock["pausedMinutes"]) == (40, 90)
        assert parse(clock["dueResolutionAt"]) == t(330)
        # Nothing is due yet at the old due time of a clock that forgot its pauses.
        assert await sweep(t(241)) == 0
        await api.sla_reassess("crm", "case", 1, priority="high", at=t(150))
        clock = await clock_of(h, "crm", 1)
        assert clock["policy"]["name"] == strict["name"]
        assert (clock["usedBusinessMinutes"], clock["pausedMinutes"]) == (60, 90)
        assert clock["resolutionTarget"] == 120
        assert parse(clock["dueResolutionAt"]) == t(210)  # 60 counted + 60 left after 150
        assert clock["state"] == "RUNNING" and clock["breached"] is False
        # Two sweepers at once (two processes would do the same): one event.
        counts = await asyncio.gather(sweep(t(211)), sweep(t(211)), sweep(t(212)))
        assert sum(counts) == 1, counts
        events = await _events(api.SLA_CLOCK_BREACHED)
        assert len(events) == 1
        assert events[0]["metric"] == "resolution" and events[0]["item_id"] == 1
        assert parse(events[0]["due_at"]) == t(210)
        assert await sweep(t(400)) == 0
        clock = await clock_of(h, "crm", 1)
        assert clock["breached"] is True and parse(clock["breachedAt"]) == t(210)
        assert clock["state"] == "RUNNING"  # breached and still open
        await api.sla_resolve("crm", "case", 1, at=t(260))
        done = await clock_of(h, "crm", 1)
        assert done["state"] == "MET" and done["dueResolutionAt"] is None
        assert parse(done["resolvedAt"]) == t(260)


async def test_many_breaches_each_published_once_by_concurrent_sweeps(sportello_app) -> None:
    async with sportello_app() as h:
        await create_policy(h, name="Fast", firstResponseMinutes=10, warnBeforeMinutes=5)
        for i in range(25):
            await api.sla_start("it", "incident", i, site_id=None, at=T0)
        warned = await asyncio.gather(*(sweep(t(6)) for _ in range(3)))
        assert sum(warned) == 25
        breached = await asyncio.gather(*(sweep(t(11)) for _ in range(3)))
        assert sum(breached) == 25
        assert len(await _events(api.SLA_CLOCK_WARNING)) == 25
        events = await _events(api.SLA_CLOCK_BREACHED)
        assert sorted(e["item_id"] for e in events) == list(range(25))
        listed = await clocks(h, breached=True)
        assert len(listed) == 25 and all(c["warnedAt"] for c in listed)


async def test_warning_then_breach_and_answers(sportello_app) -> None:
    async with sportello_app() as h:
        await create_policy(
            h, name="Desk", firstResponseMinutes=60, resolutionMinutes=600, warnBeforePercent=20
        )
        await api.sla_start("crm", "case", 7, site_id=None, at=T0)
        await api.sla_start("crm", "case", 8, site_id=None, at=T0)
        assert await sweep(t(47)) == 0
        assert await sweep(t(48)) == 2  # 20 % of 60 minutes before the response is due
        assert await sweep(t(50)) == 0
        await api.sla_respond("crm", "case", 7, at=t(55))
        assert await sweep(t(61)) == 1  # only case 8 misses its response
        [event] = await _events(api.SLA_CLOCK_BREACHED)
        assert (event["item_id"], event["metric"]) == (8, "response")
        seven = await clock_of(h, "crm", 7)
        assert seven["breached"] is False and seven["state"] == "RUNNING"
        assert parse(seven["respondedAt"]) == t(55)
        # Resolution: warned at 480, due at 600.
        assert await sweep(t(480)) == 2
        await api.sla_resolve("crm", "case", 7, at=t(500))
        assert await sweep(t(601)) == 1
        eight = await clock_of(h, "crm", 8)
        assert parse(eight["responseBreachedAt"]) == t(60)
        assert parse(eight["resolutionBreachedAt"]) == t(600)


async def test_legal_deadline_in_calendar_days_is_extended_by_pauses(sportello_app) -> None:
    async with sportello_app() as h:
        await create_policy(
            h,
            name="Procedimento amministrativo",
            category="administrative_procedure",
            deadlineDays=30,
            deadlineKind="CALENDAR",
        )
        await api.sla_start(
            "registry", "request", 1, site_id=None, category="administrative_procedure", at=T0
        )
        clock = await clock_of(h, "registry", 1)
        assert parse(clock["dueResolutionAt"]) == T0 + dt.timedelta(days=30)
        # Waiting for the citizen's documents for 5 days suspends the term.
        await api.sla_pause(
            "registry", "request", 1, "waiting_customer", at=T0 + dt.timedelta(days=10)
        )
        await api.sla_resume("registry", "request", 1, at=T0 + dt.timedelta(days=15))
        clock = await clock_of(h, "registry", 1)
        assert parse(clock["dueResolutionAt"]) == T0 + dt.timedelta(days=35)
        assert clock["pausedMinutes"] == 5 * 24 * 60
        assert await sweep(T0 + dt.timedelta(days=34)) == 0
        assert await sweep(T0 + dt.timedelta(days=35, minutes=1)) == 1


async def test_stopped_clocks_count_nowhere_and_a_missing_clock_is_no_error(sportello_app) -> None:
    async with sportello_app() as h:
        await create_policy(h, name="Any", firstResponseMinutes=5)
        await api.sla_start("crm", "case", 1, site_id=None, at=T0)
        await api.sla_stop("crm", "case", 1, at=t(1))
        assert await sweep(t(10)) == 0
        assert (await clock_of(h, "crm", 1))["state"] == "STOPPED"
        assert await api.sla_pause("crm", "case", 404) is None
        assert await api.sla_clock("crm", "case", 404) is None
        found = await api.sla_clocks("crm", "case", [1, 404])
        assert list(found) == [1]


async def test_no_policy_uses_the_office_target_and_clocks_stay_in_their_sites(
    sportello_app,
) -> None:
    async with sportello_app() as h:
        a = api.decode_id(await site(h, "A"), "Site", "s")
        b = api.decode_id(await site(h, "B"), "Site", "s")
        await api.sla_start("counter", "ticket", 1, site_id=a, at=T0, response_minutes=15)
        await api.sla_start("counter", "ticket", 2, site_id=b, at=T0, response_minutes=15)
        [one, two] = await clocks(h, office="counter")
        assert one["policy"] is None and parse(one["dueResponseAt"]) == t(15)
        token = await h.token(roles=["manager"], sites=[a])
        data = await h.ok("{ slaClocks(first: 10) { edges { node { itemId } } } }", token=token)
        assert [e["node"]["itemId"] for e in data["slaClocks"]["edges"]] == [1]


async def test_clock_list_queries_do_not_grow_with_the_page(sportello_app) -> None:
    from sportello.testing import count_queries

    async with sportello_app() as h:
        sid = api.decode_id(await site(h), "Site", "s")
        await create_policy(h, name="Any", resolutionMinutes=30)
        for i in range(60):
            await api.sla_start("crm", "case", i, site_id=sid, at=T0)
        counts = []
        for first in (1, 50):
            with count_queries() as statements:
                listed = await clocks(h, first=first)
            counts.append(len(statements))
            assert len(listed) == first
        assert counts[0] == counts[1], counts


async def test_a_reopened_item_restarts_its_met_clock_without_the_closed_time(
    sportello_app,
) -> None:
    async with sportello_app() as h:
        await create_policy(h, name="Desk", firstResponseMinutes=60, resolutionMinutes=600)
        await api.sla_start("crm", "case", 9, site_id=None, at=T0)
        await api.sla_respond("crm", "case", 9, at=t(20))
        await api.sla_resolve("crm", "case", 9, at=t(100))
        await api.sla_restart("crm", "case", 9, at=t(400))  # the party answered
        clock = await clock_of(h, "crm", 9)
        assert clock["state"] == "RUNNING" and clock["resolvedAt"] is None
        assert parse(clock["respondedAt"]) == t(20)  # the first response stays given
        assert clock["usedBusinessMinutes"] == 100
        assert parse(clock["dueResolutionAt"]) == t(900)  # 500 left after the reopening
        await api.sla_restart("crm", "case", 9, at=t(450))  # already running: nothing
        assert parse((await clock_of(h, "crm", 9))["dueResolutionAt"]) == t(900)
        assert await sweep(t(601)) == 0  # the old due time no longer counts
        assert await sweep(t(901)) == 1
        [event] = await _events(api.SLA_CLOCK_BREACHED)
        assert (event["item_id"], event["metric"]) == (9, "resolution")
        await api.sla_resolve("crm", "case", 9, at=t(950))
        again = await clock_of(h, "crm", 9)
        assert again["state"] == "MET" and parse(again["resolvedAt"]) == t(950)
        assert again["breached"] is True  # the breach stays recorded
        # A cancelled item brought back counts again too.
        await api.sla_start("crm", "case", 10, site_id=None, at=T0)
        await api.sla_stop("crm", "case", 10, at=t(30))
        await api.sla_restart("crm", "case", 10, at=t(60))
        ten = await clock_of(h, "crm", 10)
        assert ten["state"] == "RUNNING" and parse(ten["dueResolutionAt"]) == t(630)
