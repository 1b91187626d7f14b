"""Rate plans: season and day-of-week prices per room type, minimum stay, closed-to-arrival
days and channels; a booking takes its prices from the plan, a manual rate needs its own
permission, and cancellations and no-shows are charged by the plan's policy."""

from __future__ import annotations

from typing import Any

from lodging_helpers import (
    CHECK_IN,
    CREATE,
    MODULES,
    audit,
    date,
    day,
    hotel,
    registry,
    reservation,
    travel,
)

PLAN = """
mutation($i: RatePlanCreateInput!) {
  ratePlanCreate(input: $i) { ratePlan { id code policy channels } errors { field code } }
}
"""
PRICE = """
mutation($i: RatePlanPriceSetInput!) {
  ratePlanPriceSet(input: $i) {
    ratePrice { id start end weekdayPrices minStay closedToArrival roomType { code } }
    errors { field code }
  }
}
"""
PLANS = """
query($s: ID) { ratePlans(siteId: $s, first: 10) {
  totalCount edges { node { code policy breakfastIncluded prices { start end weekdayPrices } } }
} }
"""
BOOK = """
mutation($i: ReservationCreateInput!) {
  reservationCreate(input: $i) {
    reservation { id rate ratePlanId folio { total balance } }
    errors { field code message }
  }
}
"""
STATUS = """
  reservation { status folio { total paid balance
    lines(first: 20) { edges { node { kind chargeCode amount night } } } } }
  errors { field code }
"""
CANCEL = f"mutation($i: ReservationCancelInput!) {{ reservationCancel(input: $i) {{ {STATUS} }} }}"
NO_SHOW = f"mutation($i: ReservationNoShowInput!) {{ reservationNoShow(input: $i) {{ {STATUS} }} }}"
WEEK = ["100.00", "100.00", "100.00", "100.00", "120.00", "150.00", "150.00"]


def price(offset: int) -> str:
    return WEEK[date(offset).weekday()]


async def setup(h: Any) -> dict[str, Any]:
    made = await hotel(h, rooms=3)
    site, rt = made["site"]["id"], made["room_type"]["id"]
    plans = {}
    for code, extra in (
        ("FLEX", {"freeCancellationDays": 3, "cancellationFeeNights": 1}),
        ("NREF", {"policy": "NON_REFUNDABLE", "channels": ["Direct"]}),
    ):
        data = await h.ok(
            PLAN, {"i": {"siteId": site, "code": code, "name": code, **extra}}, as_="manager"
        )
        plans[code] = data["ratePlanCreate"]["ratePlan"]
    assert plans["NREF"]["channels"] == ["direct"]
    closed_day = date(11).weekday()
    for plan in plans.values():
        season = {
            "ratePlanId": plan["id"],
            "roomTypeId": rt,
            "start": day(-5),
            "end": day(30),
            "weekdayPrices": WEEK,
            "minStay": 2,
            "closedToArrival": [closed_day],
        }
        done = await h.ok(PRICE, {"i": season}, as_="manager")
        assert done["ratePlanPriceSet"]["ratePrice"]["weekdayPrices"] == WEEK
    return {"site": site, "rt": rt, "rooms": [r["id"] for r in made["rooms"]], "plans": plans}


async def book(h: Any, s: dict[str, Any], plan: str, start: int, end: int, **kw: Any) -> Any:
    i = {
        "roomTypeId": s["rt"],
        "guest": {"fullName": "Giulia Rossi"},
        "arrival": day(start),
        "departure": day(end),
        "ratePlanId": s["plans"][plan]["id"],
        **kw,
    }
    return (await h.ok(BOOK, {"i": i}, as_=kw.pop("as_", "front_desk")))["reservationCreate"]


async def test_a_booking_takes_each_nights_price_from_the_plan(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        s = await setup(h)
        listed = await h.ok(PLANS, {"s": s["site"]}, as_="front_desk")
        assert listed["ratePlans"]["totalCount"] == 2
        assert [e["node"]["code"] for e in listed["ratePlans"]["edges"]] == ["FLEX", "NREF"]
        assert listed["ratePlans"]["edges"][0]["node"]["prices"][0]["weekdayPrices"] == WEEK

        made = await book(h, s, "FLEX", 0, 3)
        assert made["errors"] == [] and made["reservation"]["rate"] == price(0)
        assert made["reservation"]["ratePlanId"] == s["plans"]["FLEX"]["id"]
        rid = made["reservation"]["id"]
        await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        # Each night audit posts its night at the plan's price of that night.
        travel(monkeypatch, 2)
        reports = await audit(h, s["site"], 0, 1, 2)
        assert [r["revenue"][-1] for r in reports] == [
            {"chargeCode": "ROOM_NIGHT", "amount": price(n), "lines": 1} for n in range(3)
        ]
        lines = (await reservation(h, rid))["folio"]["lines"]["edges"]
        rooms = [e["node"]["amount"] for e in lines if e["node"]["kind"] == "ROOM"]
        assert rooms == [price(0), price(1), price(2)]


async def test_plan_rules_refuse_a_stay(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        s = await setup(h)
        short = await book(h, s, "FLEX", 1, 2)
        assert [(e["field"], e["code"]) for e in short["errors"]] == [("departure", "MIN_STAY")]
        closed = await book(h, s, "FLEX", 11, 13)
        assert [e["code"] for e in closed["errors"]] == ["CLOSED_TO_ARRIVAL"]
        channel = await book(h, s, "NREF", 1, 3, channel="booking.com")
        assert [(e["field"], e["code"]) for e in channel["errors"]] == [
            ("ratePlanId", "RATE_PLAN_CLOSED")
        ]
        unpriced = await book(h, s, "FLEX", 29, 32)
        assert [e["code"] for e in unpriced["errors"]] == ["NO_RATE"]
        from sportello_lodging import models as m

        assert await m.Reservation.all().count() == 0


async def test_a_manual_rate_needs_its_own_permission(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        s = await setup(h)
        cheap = await book(h, s, "FLEX", 1, 3, rate="0.01")
        assert [(e["field"], e["code"]) for e in cheap["errors"]] == [("rate", "FORBIDDEN")]
        plain = {
            "roomId": s["rooms"][0],
            "guest": {"fullName": "Marco Bianchi"},
            "arrival": day(1),
            "departure": day(2),
            "rate": "0.01",
        }
        refused = (await h.ok(CREATE, {"i": plain}, as_="front_desk"))["reservationCreate"]
        assert [e["code"] for e in refused["errors"]] == ["FORBIDDEN"]
        ok = (await h.ok(BOOK, {"i": plain}, as_="manager"))["reservationCreate"]
        assert ok["reservation"]["rate"] == "0.01"


async def test_cancellation_and_no_show_fees_follow_the_policy(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        s = await setup(h)
        # Flexible, cancelled early enough: free, nothing to close.
        early = (await book(h, s, "FLEX", 10, 12))["reservation"]["id"]
        free = (await h.ok(CANCEL, {"i": {"id": early}}, as_="front_desk"))["reservationCancel"]
        assert free["reservation"]["folio"]["total"] == "0.00"
        # Flexible, cancelled late (1 day ahead, free until 3): the first night.
        late = (await book(h, s, "FLEX", 1, 3))["reservation"]["id"]
        fee = (await h.ok(CANCEL, {"i": {"id": late}}, as_="front_desk"))["reservationCancel"]
        (line,) = (e["node"] for e in fee["reservation"]["folio"]["lines"]["edges"])
        assert (line["kind"], line["chargeCode"], line["amount"]) == (
            "FEE",
            "CANCELLATION_FEE",
            price(1),
        )
        # Non-refundable: the whole stay, less the deposit paid; the rest stays due.
        nref = (await book(h, s, "NREF", 2, 4))["reservation"]["id"]
        pay = """mutation($i: FolioPaymentAddInput!) { folioPaymentAdd(input: $i) { errors { code } } }"""
        await h.ok(
            pay, {"i": {"reservationId": nref, "amount": "50", "deposit": True}}, as_="front_desk"
        )
        whole = (await h.ok(CANCEL, {"i": {"id": nref}}, as_="front_desk"))["reservationCancel"]
        total = f"{float(price(2)) + float(price(3)):.2f}"
        assert whole["reservation"]["folio"]["total"] == total
        assert whole["reservation"]["folio"]["balance"] == f"{float(total) - 50:.2f}"
        # No-show on the flexible plan: one night.
        gone = (await book(h, s, "FLEX", 0, 2))["reservation"]["id"]
        travel(monkeypatch, 1)
        ns = (await h.ok(NO_SHOW, {"i": {"id": gone}}, as_="front_desk"))["reservationNoShow"]
        assert [
            (e["node"]["chargeCode"], e["node"]["amount"])
            for e in ns["reservation"]["folio"]["lines"]["edges"]
        ] == [("NO_SHOW_FEE", price(0))]
