"""Reports: the load by hour, the appointments' no-show rate, walk-in and appointment quotas per
service and day (enforced, also under concurrent requests), and the statistics as CSV."""

from __future__ import annotations

import asyncio
import csv
import io

from counter_helpers import DAY, ISSUE, MODULES, SERVICE_UPDATE, at, call, office, release

BOOK = """
mutation($i: AppointmentBookInput!) {
  appointmentBook(input: $i) { appointment { id code } errors { field code message } }
}
"""
CHECK_IN = """
mutation($i: AppointmentCheckInInput!) {
  appointmentCheckIn(input: $i) { ticket { id number } errors { code } }
}
"""
SLOTS = "query($s: ID!, $d: Date!) { appointmentSlots(serviceId: $s, day: $d) { available } }"
STATS = """
query($s: ID!, $d: Date!) {
  counterStatistics(siteId: $s, from: $d, to: $d) {
    byHour { key label hour tickets waitMean }
    appointments { booked checkedIn noShows pending cancelled noShowRate }
    quotas { label day walkIns walkInQuota appointments appointmentQuota }
    total { tickets }
  }
}
"""
CSV = "query($s: ID!, $d: Date!) { counterStatisticsCsv(siteId: $s, from: $d, to: $d) }"


async def test_quotas_hourly_load_no_shows_and_csv(sportello_app, clock) -> None:
    clock.set(at(DAY, "08:00"))
    async with sportello_app(MODULES) as h:
        setup = await office(h, service_minutes=10)
        a, desk, site = setup["services"]["A"], setup["counters"][0], setup["site"]
        quotas = {"id": a, "dailyWalkInQuota": 3, "dailyAppointmentQuota": 2}
        updated = await h.ok(SERVICE_UPDATE, {"i": quotas}, as_="manager")
        assert updated["counterServiceUpdate"]["errors"] == []
        bad = await h.ok(SERVICE_UPDATE, {"i": {"id": a, "dailyWalkInQuota": -1}}, as_="manager")
        assert bad["counterServiceUpdate"]["errors"] == [
            {"field": "dailyWalkInQuota", "code": "INVALID"}
        ]

        codes = []
        for hm in ("09:00", "09:10", "09:20"):
            i = {"serviceId": a, "slotAt": at(DAY, hm).isoformat(), "partyName": f"P {hm}"}
            got = (await h.ok(BOOK, {"i": i}, as_="front_desk"))["appointmentBook"]
            if got["appointment"]:
                codes.append(got["appointment"]["code"])
            else:
                assert [(e["field"], e["code"]) for e in got["errors"]] == [
                    ("slotAt", "QUOTA_REACHED")
                ]
        assert len(codes) == 2
        slots = (await h.ok(SLOTS, {"s": a, "d": DAY.isoformat()}))["appointmentSlots"]
        assert slots and all(s["available"] == 0 for s in slots)  # the day is full

        numbers = []
        for hm in ("08:05", "08:30", "08:59", "08:59"):
            clock.set(at(DAY, hm))
            got = (await h.ok(ISSUE, {"i": {"serviceId": a}}, as_="front_desk"))["queueTicketIssue"]
            numbers.append(got["ticket"]["number"] if got["ticket"] else got["errors"][0]["code"])
        assert numbers == ["A001", "A002", "A003", "QUOTA_REACHED"]
        clock.set(at(DAY, "09:00"))
        checked = await h.ok(CHECK_IN, {"i": {"code": codes[0]}}, as_="front_desk")
        # An appointment is no walk-in, and the refused walk-in gave its number back.
        assert checked["appointmentCheckIn"]["ticket"]["number"] == "A004"
        clock.set(at(DAY, "09:05"))
        for _ in range(2):
            got = await call(h, desk)
            await release(h, got["ticket"]["id"], as_="front_desk")
        clock.set(at(DAY, "10:00"))  # the 09:10 appointment never came: a no-show

        stats = (await h.ok(STATS, {"s": site, "d": DAY.isoformat()}))["counterStatistics"]
        assert [(r["label"], r["hour"], r["tickets"]) for r in stats["byHour"]] == [
            ("08:00", 8, 3),
            ("09:00", 9, 1),
        ]
        assert stats["appointments"] == {
            "booked": 2,
            "checkedIn": 1,
            "noShows": 1,
            "pending": 0,
            "cancelled": 0,
            "noShowRate": 0.5,
        }
        assert stats["quotas"] == [
            {
                "label": "Service A",
                "day": DAY.isoformat(),
                "walkIns": 3,
                "walkInQuota": 3,
                "appointments": 2,
                "appointmentQuota": 2,
            }
        ]

        text = (await h.ok(CSV, {"s": site, "d": DAY.isoformat()}, as_="back_office"))[
            "counterStatisticsCsv"
        ]
        blocks = [b for b in text.split("\r\n\r\n") if b.strip()]
        assert len(blocks) == 3
        rows = list(csv.DictReader(io.StringIO(blocks[0])))
        by_group = {(r["group"], r["key"]): r for r in rows}
        assert by_group[("total", "total")]["tickets"] == "4"
        assert by_group[("hour", "08")]["tickets"] == "3"
        assert by_group[("hour", "08")]["wait_mean"] == str(stats["byHour"][0]["waitMean"])
        assert by_group[("day", DAY.isoformat())]["day"] == DAY.isoformat()
        [quota] = list(csv.DictReader(io.StringIO(blocks[1])))
        assert (quota["walk_ins"], quota["walk_in_quota"], quota["appointment_quota"]) == (
            "3",
            "3",
            "2",
        )
        [outcomes] = list(csv.DictReader(io.StringIO(blocks[2])))
        assert (outcomes["no_shows"], outcomes["no_show_rate"]) == ("1", "0.5")
        # Back to no limit.
        lifted = await h.ok(
            SERVICE_UPDATE, {"i": {"id": a, "dailyWalkInQuota": None}}, as_="manager"
        )
        assert lifted["counterServiceUpdate"]["errors"] == []
        again = (await h.ok(ISSUE, {"i": {"serviceId": a}}, as_="front_desk"))["queueTicketIssue"]
        assert again["ticket"]["number"] == "A005"


async def test_the_walk_in_quota_holds_under_concurrent_requests(sportello_app) -> None:
    async with sportello_app(MODULES, live=True) as h:
        setup = await office(h)
        a = setup["services"]["A"]
        await h.ok(SERVICE_UPDATE, {"i": {"id": a, "dailyWalkInQuota": 3}}, as_="manager")
        token = await h.token(roles=["front_desk"])
        results = await asyncio.gather(
            *(h.gql(ISSUE, {"i": {"serviceId": a}}, token=token) for _ in range(8))
        )
        payloads = [r["data"]["queueTicketIssue"] for r in results]
        issued = sorted(p["ticket"]["number"] for p in payloads if p["ticket"])
        assert issued == ["A001", "A002", "A003"]
        assert {p["errors"][0]["code"] for p in payloads if not p["ticket"]} == {"QUOTA_REACHED"}
