"""Folio: city tax per person per night, settling a folio closed unpaid, audited per site."""

from __future__ import annotations

from typing import Any

from lodging_helpers import (
    CHARGE,
    CHECK_IN,
    CHECK_OUT,
    CLEAN,
    MODULES,
    PAY,
    REGISTER,
    TODAY,
    audit,
    book,
    hotel,
    lines,
    registry,
    reservation,
    travel,
)


async def run(h: Any, query: str, name: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    return (await h.ok(query, {"i": i}, as_=as_))[name]


def tax_lines(reservation: dict[str, Any]) -> list[str]:
    return [line["amount"] for line in lines(reservation["folio"]) if line["kind"] == "CITY_TAX"]


def born(years_ago: int) -> str:
    return TODAY.replace(year=TODAY.year - years_ago, day=min(TODAY.day, 28)).isoformat()


async def test_city_tax_counts_children_by_default(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=1, capacity=3)
        room = setup["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2, adults=2, children=1))["reservation"]["id"]
        guests = registry(2) + [{**registry(3)[2], "birthDate": born(6)}]
        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": guests})
        assert tax_lines(checked["reservation"]) == []  # the night audit posts the nights
        travel(monkeypatch, 1)
        await audit(h, setup["site"]["id"], 0, 1)
        # 3 people x 2 nights x 2.00
        stay = await reservation(h, rid)
        assert tax_lines(stay) == ["6.00", "6.00"]
        assert stay["folio"]["total"] == "212.00"


async def test_city_tax_exempts_guests_under_the_configured_age(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        from sportello_lodging.services import config
        from sportello_lodging.settings import LodgingSettings

        monkeypatch.setattr(
            config,
            "_settings",
            LodgingSettings(city_tax_exempt_under_age=12, require_guest_registry=False),
        )
        setup = await hotel(h, rooms=2, capacity=4)
        a, b = (r["id"] for r in setup["rooms"])
        family = (await book(h, a, 0, 2, adults=2, children=2))["reservation"]["id"]
        guests = registry(2) + [
            {**registry(3)[2], "birthDate": born(8)},
            {**registry(4)[3], "birthDate": born(14)},
        ]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": family, "guests": guests})
        await audit(h, setup["site"]["id"], 0)
        # The 8-year-old is exempt, the 14-year-old pays: 3 x 2.00 for the night audited.
        assert tax_lines(await reservation(h, family)) == ["6.00"]

        # Checked in (after the day's audit: its night is posted at once) before the registry
        # is complete: children count as exempt until their ages are known, then the tax
        # follows the registry.
        late = (await book(h, b, 0, 2, adults=1, children=1, name="Ana Martín"))["reservation"]
        checked = await run(h, CHECK_IN, "reservationCheckIn", {"id": late["id"]})
        assert tax_lines(checked["reservation"]) == ["2.00"]
        teen = [
            {**registry(1)[0], "fullName": "Ana Martín"},
            {**registry(2)[1], "fullName": "Luis Martín", "birthDate": born(13)},
        ]
        done = await run(
            h, REGISTER, "reservationGuestsRegister", {"id": late["id"], "guests": teen}
        )
        assert tax_lines(done["reservation"]) == ["4.00"]
        assert done["reservation"]["folio"]["total"] == "104.00"


async def test_a_folio_closed_unpaid_can_be_settled(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        from sportello.events.models import OutboxEvent
        from sportello.identity.models import AuditEntry

        setup = await hotel(h, rooms=1)
        site_pk = int(_pk(setup["site"]["id"]))
        room = setup["rooms"][0]["id"]
        rid = (await book(h, room, 0, 1))["reservation"]["id"]
        await run(h, CHECK_IN, "reservationCheckIn", {"id": rid, "guests": registry(1)})
        charge = await run(
            h,
            CHARGE,
            "folioChargeAdd",
            {"reservationId": rid, "description": "Minibar", "unitAmount": "8.00"},
        )
        assert charge["reservation"]["folio"]["total"] == "8.00"  # the night comes at checkout
        out = await run(
            h, CHECK_OUT, "reservationCheckOut", {"id": rid, "allowUnpaid": True}, as_="manager"
        )
        assert out["reservation"]["folio"]["balance"] == "110.00"

        # Charges and deposits stay closed; payments settle the balance.
        more = {"reservationId": rid, "description": "Late minibar", "unitAmount": "3.00"}
        assert (await run(h, CHARGE, "folioChargeAdd", more))["errors"][0]["code"] == "FOLIO_CLOSED"
        deposit = await run(
            h, PAY, "folioPaymentAdd", {"reservationId": rid, "amount": "10", "deposit": True}
        )
        assert deposit["errors"][0]["code"] == "FOLIO_CLOSED"
        part = await run(h, PAY, "folioPaymentAdd", {"reservationId": rid, "amount": "60"})
        assert part["errors"] == [] and part["line"]["kind"] == "PAYMENT"
        assert part["reservation"]["folio"]["balance"] == "50.00"
        rest = await run(h, PAY, "folioPaymentAdd", {"reservationId": rid, "amount": "50"})
        assert rest["reservation"]["folio"] == {
            "total": "110.00",
            "paid": "110.00",
            "balance": "0.00",
        }

        events = await OutboxEvent.filter(name="lodging.folio.payment_added").order_by("id")
        assert [(e.payload["balance"], e.payload["folio_closed"]) for e in events] == [
            ("50.00", True),
            ("0.00", True),
        ]
        # Every folio entry is audited for the hotel's site, so auditors of other sites do
        # not see them; closures too. Housekeeping is audited under its mutation's name.
        await h.ok(
            "mutation($i: RoomClosureCreateInput!) { roomClosureCreate(input: $i) {"
            " room { id } errors { code } } }",
            {"i": {"roomId": room, "start": "2999-01-01", "end": "2999-01-02", "reason": "Paint"}},
            as_="manager",
        )
        await run(
            h, CLEAN, "roomCleanlinessSet", {"id": room, "cleanliness": "CLEAN"}, "housekeeping"
        )
        entries = await AuditEntry.filter(
            operation__in=["folioChargeAdd", "folioPaymentAdd", "roomClosureCreate"]
        )
        assert sorted(e.operation for e in entries) == [
            "folioChargeAdd",
            "folioPaymentAdd",
            "folioPaymentAdd",
            "roomClosureCreate",
        ]
        assert {e.site_id for e in entries} == {site_pk}
        cleaned = await AuditEntry.get(operation="roomCleanlinessSet")
        assert cleaned.site_id == site_pk
        assert cleaned.changes["after"]["cleanliness"] == "clean"
        ops = set(await AuditEntry.filter(object_type="Room").values_list("operation", flat=True))
        # Check-in and checkout change the room as a side effect, under their own entry name.
        assert ops == {"roomCreate", "roomStatusChange", "roomCleanlinessSet"}


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id
