"""Editing services and counters: counterServiceUpdate, counterUpdate."""

from __future__ import annotations

from counter_helpers import (
    COUNTER_UPDATE,
    MODULES,
    SERVICE,
    SERVICE_UPDATE,
    call,
    issue,
    office,
    pk,
)


async def test_counter_service_update(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h)
        a = setup["services"]["A"]
        change = {
            "id": a,
            "name": "Anagrafe",
            "openingHours": {"0": [["14:00", "16:00"], ["08:30", "12:30"]]},
            "closedDays": ["2026-12-25", "2026-12-25", "2026-08-15"],
            "serviceMinutes": 20,
            "targetWaitMinutes": 30,
        }
        denied = await h.gql(SERVICE_UPDATE, {"i": change}, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        got = (await h.ok(SERVICE_UPDATE, {"i": change}, as_="manager"))["counterServiceUpdate"]
        assert got["errors"] == []
        assert got["counterService"] == {
            "id": a,
            "name": "Anagrafe",
            "openingHours": {"0": [["08:30", "12:30"], ["14:00", "16:00"]]},
            "closedDays": ["2026-08-15", "2026-12-25"],
            "serviceMinutes": 20,
            "targetWaitMinutes": 30,
            "active": True,
        }
        # Only what is given changes.
        only = await h.ok(SERVICE_UPDATE, {"i": {"id": a, "active": False}}, as_="manager")
        assert only["counterServiceUpdate"]["counterService"]["name"] == "Anagrafe"
        assert only["counterServiceUpdate"]["counterService"]["active"] is False
        for bad, field in (
            ({"openingHours": {"0": [["12:00", "09:00"]]}}, "openingHours"),
            ({"openingHours": {"9": [["09:00", "12:00"]]}}, "openingHours"),
            ({"openingHours": [1]}, "openingHours"),
            ({"serviceMinutes": 0}, "serviceMinutes"),
            ({"name": " "}, "name"),
        ):
            refused = await h.ok(SERVICE_UPDATE, {"i": {"id": a, **bad}}, as_="manager")
            assert refused["counterServiceUpdate"]["errors"][0]["field"] == field, bad

        # Opening hours that are not an object are refused at creation too, not ignored.
        site = (await h.ok("query { sites(first: 1) { edges { node { id } } } }"))["sites"]
        for hours in ([1], "08:00-12:00"):
            created = await h.ok(
                SERVICE,
                {"i": {"siteId": site["edges"][0]["node"]["id"], "name": "Tributi",
                       "prefix": "T", "openingHours": hours}},
                as_="manager",
            )  # fmt: skip
            assert [(e["field"], e["code"]) for e in created["counterServiceCreate"]["errors"]] == [
                ("openingHours", "INVALID")
            ]

        from sportello.identity.models import AuditEntry

        entries = await AuditEntry.filter(operation="counterServiceUpdate").order_by("id")
        assert len(entries) == 2
        assert entries[0].changes["after"]["service_minutes"] == 20


async def test_counter_update(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await office(h, services=("A", "B"), counters=(("A",), ("B",)))
        a, b = setup["services"]["A"], setup["services"]["B"]
        c1, c2 = setup["counters"]
        await issue(h, b)
        assert (await call(h, c1))["errors"][0]["code"] == "QUEUE_EMPTY"  # serves A only
        moved = await h.ok(COUNTER_UPDATE, {"i": {"id": c1, "serviceIds": [a, b]}}, as_="manager")
        counter = moved["counterUpdate"]["counter"]
        assert [s["prefix"] for s in counter["services"]] == ["A", "B"]
        assert counter["staffName"].startswith("front_desk")  # staff kept
        assert (await call(h, c1))["ticket"]["number"] == "B001"

        taken = await h.ok(COUNTER_UPDATE, {"i": {"id": c1, "name": "Counter 2"}}, as_="manager")
        assert taken["counterUpdate"]["errors"] == [{"field": "name", "code": "CONFLICT"}]
        other = await office(h, code="ALTRO")
        foreign = await h.ok(
            COUNTER_UPDATE,
            {"i": {"id": c1, "serviceIds": [other["services"]["A"]]}},
            as_="manager",
        )
        assert foreign["counterUpdate"]["errors"] == [{"field": "serviceIds", "code": "NOT_FOUND"}]
        # Bad input is a typed error, not a database error: a name over the column's length,
        # a staff user who does not exist.
        for bad, field, code in (
            ({"name": "x" * 101}, "name", "INVALID"),
            ({"staffUserId": 999_999}, "staffUserId", "NOT_FOUND"),
        ):
            refused = await h.ok(COUNTER_UPDATE, {"i": {"id": c1, **bad}}, as_="manager")
            assert refused["counterUpdate"]["errors"] == [{"field": field, "code": code}], bad

        # Unassigning the staff and closing the counter.
        closed = await h.ok(
            COUNTER_UPDATE, {"i": {"id": c2, "staffId": None, "active": False}}, as_="manager"
        )
        assert closed["counterUpdate"]["counter"]["staffName"] is None
        assert closed["counterUpdate"]["counter"]["active"] is False
        await issue(h, b)
        assert (await call(h, c2))["errors"][0]["code"] == "FORBIDDEN"  # no longer staff
        assert (await call(h, c2, as_="manager"))["errors"][0]["code"] == "QUEUE_EMPTY"  # closed
        denied = await h.gql(COUNTER_UPDATE, {"i": {"id": c2, "active": True}}, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"

        from sportello.identity.models import AuditEntry

        ops = [e.object_id for e in await AuditEntry.filter(operation="counterUpdate")]
        assert sorted(ops) == sorted([str(pk(c1)), str(pk(c2))])
