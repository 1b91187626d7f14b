"""Folio money: payment methods from a configured list, charge codes, voids and refunds that
delete nothing, overpayment, and the money of stays that do not happen (cancel, no-show)."""

from __future__ import annotations

import asyncio
from typing import Any

from lodging_helpers import (
    CHECK_IN,
    CHECK_OUT,
    MODULES,
    PAY,
    audit,
    book,
    hotel,
    registry,
    travel,
)

LINE = """
  line { id kind amount quantity chargeCode method reason voided reversesId }
  reservation { status folio { total paid balance
    lines(first: 50) { edges { node { id kind amount chargeCode method voided reversesId } } } } }
  errors { field code message }
"""
VOID = f"mutation($i: FolioLineVoidInput!) {{ folioLineVoid(input: $i) {{ {LINE} }} }}"
REFUND = f"mutation($i: FolioPaymentRefundInput!) {{ folioPaymentRefund(input: $i) {{ {LINE} }} }}"
PAY_FULL = f"mutation($i: FolioPaymentAddInput!) {{ folioPaymentAdd(input: $i) {{ {LINE} }} }}"
CHARGE_FULL = f"mutation($i: FolioChargeAddInput!) {{ folioChargeAdd(input: $i) {{ {LINE} }} }}"
STATUS = """
  reservation { id status folio { total paid balance
    lines(first: 50) { edges { node { kind amount chargeCode method reversesId } } } } }
  errors { field code message }
"""
CANCEL = f"mutation($i: ReservationCancelInput!) {{ reservationCancel(input: $i) {{ {STATUS} }} }}"
NO_SHOW = f"mutation($i: ReservationNoShowInput!) {{ reservationNoShow(input: $i) {{ {STATUS} }} }}"
METHODS = "{ folioPaymentMethods }"


async def run(h: Any, query: str, i: dict[str, Any], as_: str = "front_desk") -> Any:
    data = await h.ok(query, {"i": i}, as_=as_)
    return next(iter(data.values()))


def nodes(reservation: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in reservation["folio"]["lines"]["edges"]]


async def in_house(h: Any, monkeypatch: Any, nights: int = 2) -> str:
    """A guest in house on the last night of a stay from today, every night posted by the
    night audits of the days before (the services' today moves to that last night)."""
    setup = await hotel(h, rooms=1)
    room = setup["rooms"][0]["id"]
    rid: str = (await book(h, room, 0, nights))["reservation"]["id"]
    await h.ok(CHECK_IN, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
    travel(monkeypatch, nights - 1)
    await audit(h, setup["site"]["id"], *range(nights))
    return rid


async def events(name: str) -> list[dict[str, Any]]:
    from sportello.events.models import OutboxEvent

    return [e.payload for e in await OutboxEvent.filter(name=name).order_by("id")]


def settings(monkeypatch: Any, **kw: Any) -> None:
    from sportello_lodging.services import config
    from sportello_lodging.settings import LodgingSettings

    monkeypatch.setattr(config, "_settings", LodgingSettings(**kw))


async def test_payment_methods_come_from_the_fixed_list_and_the_setting(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        settings(monkeypatch, payment_methods=["voucher"])
        listed = (await h.ok(METHODS, as_="front_desk"))["folioPaymentMethods"]
        assert listed == [
            "cash",
            "card",
            "bank_transfer",
            "cheque",
            "direct_debit",
            "other",
            "voucher",
        ]
        rid = await in_house(h, monkeypatch)
        bad = await run(h, PAY_FULL, {"reservationId": rid, "amount": "10", "method": "bitcoin"})
        assert [(e["field"], e["code"]) for e in bad["errors"]] == [("method", "INVALID_METHOD")]
        assert bad["line"] is None
        ok = await run(h, PAY_FULL, {"reservationId": rid, "amount": "10", "method": " Voucher "})
        assert (ok["line"]["method"], ok["line"]["kind"]) == ("voucher", "PAYMENT")
        cash = await run(h, PAY_FULL, {"reservationId": rid, "amount": "5", "method": "cash"})
        assert cash["line"]["method"] == "cash"
        assert [n["method"] for n in nodes(cash["reservation"]) if n["kind"] == "PAYMENT"] == [
            "voucher",
            "cash",
        ]
        (first, second) = await events("lodging.folio.payment_added")
        assert (first["method"], second["method"]) == ("voucher", "cash")
        assert second["line_id"] is not None


async def test_charge_codes(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        rid = await in_house(h, monkeypatch)
        extra = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50"}
        plain = await run(h, CHARGE_FULL, extra)
        assert plain["line"]["chargeCode"] == "EXTRA"
        coded = await run(h, CHARGE_FULL, {**extra, "chargeCode": "minibar"})
        assert coded["line"]["chargeCode"] == "MINIBAR"
        codes = sorted(n["chargeCode"] for n in nodes(coded["reservation"]))
        assert codes == ["CITY_TAX", "CITY_TAX", "EXTRA", "MINIBAR", "ROOM_NIGHT", "ROOM_NIGHT"]
        for bad in ("ROOM_NIGHT", "city_tax", "MINI BAR", "1X", "X" * 33):
            refused = await run(h, CHARGE_FULL, {**extra, "chargeCode": bad})
            assert [(e["field"], e["code"]) for e in refused["errors"]] == [
                ("chargeCode", "INVALID")
            ], bad


async def test_overpayment_needs_confirmation_and_checkout_refunds_first(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES) as h:
        rid = await in_house(h, monkeypatch, 1)  # a night at 100 + 2.00 tax = 102.00
        typo = await run(h, PAY_FULL, {"reservationId": rid, "amount": "99999"})
        assert [(e["field"], e["code"]) for e in typo["errors"]] == [("amount", "OVERPAYMENT")]
        assert "102.00" in typo["errors"][0]["message"]
        exact = await run(h, PAY_FULL, {"reservationId": rid, "amount": "100"})
        assert exact["reservation"]["folio"]["balance"] == "2.00"
        over = {"reservationId": rid, "amount": "52", "confirmOverpayment": True}
        taken = await run(h, PAY_FULL, over)
        assert taken["reservation"]["folio"]["balance"] == "-50.00"
        # A negative balance is a refund to make, not a folio to close.
        out = await run(h, CHECK_OUT, {"id": rid})
        assert [e["code"] for e in out["errors"]] == ["REFUND_DUE"]
        assert out["reservation"] is None
        refund = {"id": taken["line"]["id"], "amount": "50", "reason": "Paid twice"}
        back = await run(h, REFUND, refund, as_="manager")
        assert back["line"]["amount"] == "-50.00" and back["line"]["method"] == "card"
        assert back["reservation"]["folio"]["balance"] == "0.00"
        out = await run(h, CHECK_OUT, {"id": rid})
        assert out["errors"] == [] and out["reservation"]["status"] == "CHECKED_OUT"
        (closed,) = await events("lodging.folio.closed")
        assert (closed["total"], closed["paid"], closed["balance"]) == ("102.00", "102.00", "0.00")
        refund_line = next(line for line in closed["lines"] if line["amount"] == "-50.00")
        assert refund_line["kind"] == "payment" and refund_line["reason"] == "Paid twice"
        assert refund_line["reverses_line_id"] is not None


async def test_tolerance_and_deposits_before_arrival(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        settings(monkeypatch, overpayment_tolerance="5.00")
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 3, 5))["reservation"]["id"]
        # Before arrival nothing is posted: a deposit is measured against the stay (204.00).
        deposit = {"reservationId": rid, "deposit": True}
        ok = await run(h, PAY_FULL, {**deposit, "amount": "209.00"})
        assert ok["errors"] == [] and ok["line"]["kind"] == "DEPOSIT"
        more = await run(h, PAY_FULL, {**deposit, "amount": "0.01"})
        assert [e["code"] for e in more["errors"]] == ["OVERPAYMENT"]


async def test_void_adds_a_reversing_line_and_deletes_nothing(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        rid = await in_house(h, monkeypatch)
        extra = {"reservationId": rid, "description": "Minibar", "unitAmount": "4.50"}
        minibar = await run(h, CHARGE_FULL, {**extra, "quantity": 2, "chargeCode": "MINIBAR"})
        line_id = minibar["line"]["id"]
        denied = await h.gql(VOID, {"i": {"id": line_id, "reason": "x"}}, as_="front_desk")
        # The desk may not void: its own permission (managers have it).
        assert denied["errors"][0]["extensions"] == {
            "code": "PERMISSION_DENIED",
            "permission": "lodging.folio.correct",
        }
        assert denied["data"] is None
        blank = await run(h, VOID, {"id": line_id, "reason": "  "}, as_="manager")
        assert [(e["field"], e["code"]) for e in blank["errors"]] == [("reason", "REQUIRED")]

        void = await run(h, VOID, {"id": line_id, "reason": "Not consumed"}, as_="manager")
        assert void["errors"] == []
        assert void["line"]["amount"] == "-9.00" and void["line"]["quantity"] == -2
        assert void["line"]["chargeCode"] == "MINIBAR" and void["line"]["reversesId"] == line_id
        assert void["line"]["reason"] == "Not consumed"
        folio = void["reservation"]["folio"]
        assert folio["total"] == "204.00"
        original = next(n for n in nodes(void["reservation"]) if n["id"] == line_id)
        assert original["voided"] is True and original["amount"] == "9.00"
        assert len(nodes(void["reservation"])) == 6  # 4 night lines, the minibar, its void

        again = await run(h, VOID, {"id": line_id, "reason": "twice"}, as_="manager")
        assert [e["code"] for e in again["errors"]] == ["ALREADY_VOIDED"]
        reversal = await run(h, VOID, {"id": void["line"]["id"], "reason": "x"}, as_="manager")
        assert [e["code"] for e in reversal["errors"]] == ["INVALID"]
        pay = await run(h, PAY_FULL, {"reservationId": rid, "amount": "10"})
        payment = await run(h, VOID, {"id": pay["line"]["id"], "reason": "x"}, as_="manager")
        assert [e["code"] for e in payment["errors"]] == ["INVALID"]

        # A voided room night is not posted again when the nights are synchronised.
        night = next(n for n in nodes(void["reservation"]) if n["chargeCode"] == "ROOM_NIGHT")
        comp = await run(h, VOID, {"id": night["id"], "reason": "Complimentary"}, as_="manager")
        assert comp["reservation"]["folio"]["total"] == "104.00"
        from lodging_helpers import REGISTER

        await h.ok(REGISTER, {"i": {"id": rid, "guests": registry(1)}}, as_="front_desk")
        again_folio = await run(h, CHARGE_FULL, {**extra, "unitAmount": "1"})
        assert again_folio["reservation"]["folio"]["total"] == "105.00"

        (voided, comped) = await events("lodging.folio.line_voided")
        assert voided["amount"] == "9.00" and voided["charge_code"] == "MINIBAR"
        assert voided["reason"] == "Not consumed" and voided["folio_closed"] is False
        assert comped["charge_code"] == "ROOM_NIGHT"


async def test_refunds(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        rid = await in_house(h, monkeypatch)
        pay = await run(h, PAY_FULL, {"reservationId": rid, "amount": "100", "method": "cash"})
        pid = pay["line"]["id"]
        part = await run(h, REFUND, {"id": pid, "amount": "30", "reason": "Discount"}, "manager")
        assert part["line"]["amount"] == "-30.00" and part["line"]["method"] == "cash"
        assert part["reservation"]["folio"]["paid"] == "70.00"
        too_much = await run(h, REFUND, {"id": pid, "amount": "70.01", "reason": "x"}, "manager")
        assert [(e["field"], e["code"]) for e in too_much["errors"]] == [("amount", "INVALID")]
        rest = await run(h, REFUND, {"id": pid, "reason": "Cancelled extra"}, "manager")
        assert rest["line"]["amount"] == "-70.00"
        done = await run(h, REFUND, {"id": pid, "reason": "x"}, "manager")
        assert [e["code"] for e in done["errors"]] == ["ALREADY_REFUNDED"]
        charge = next(n for n in nodes(rest["reservation"]) if n["kind"] == "ROOM")
        not_pay = await run(h, REFUND, {"id": charge["id"], "reason": "x"}, "manager")
        assert [e["code"] for e in not_pay["errors"]] == ["INVALID"]
        refunds = await events("lodging.folio.payment_refunded")
        assert [(e["amount"], e["method"], e["refunded_line_id"]) for e in refunds] == [
            ("30.00", "cash", refunds[0]["refunded_line_id"]),
            ("70.00", "cash", refunds[0]["refunded_line_id"]),
        ]
        assert refunds[1]["balance"] == "204.00"


async def test_a_cancelled_stay_never_strands_its_deposit(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        setup = await hotel(h, rooms=3)
        a, b, c = (r["id"] for r in setup["rooms"])
        first = (await book(h, a, 2, 4))["reservation"]["id"]
        deposit = {"reservationId": first, "amount": "80", "deposit": True, "method": "card"}
        await run(h, PAY, deposit)

        held = await run(h, CANCEL, {"id": first})
        assert [(e["field"], e["code"]) for e in held["errors"]] == [("deposit", "DEPOSIT_HELD")]
        assert held["reservation"] is None
        refunded = await run(h, CANCEL, {"id": first, "deposit": "REFUND"})
        assert refunded["reservation"]["status"] == "CANCELLED"
        assert refunded["reservation"]["folio"]["balance"] == "0.00"
        (refund,) = await events("lodging.folio.payment_refunded")
        assert (refund["amount"], refund["method"], refund["folio_closed"]) == (
            "80.00",
            "card",
            True,
        )
        (closed,) = await events("lodging.folio.closed")
        assert closed["reservation_status"] == "cancelled" and closed["balance"] == "0.00"

        kept = (await book(h, b, 2, 4, name="Ana Martín"))["reservation"]["id"]
        await run(h, PAY, {**deposit, "reservationId": kept})
        fee = await run(h, CANCEL, {"id": kept, "deposit": "KEEP", "reason": "late"})
        lines = nodes(fee["reservation"])
        assert [(n["kind"], n["chargeCode"], n["amount"]) for n in lines] == [
            ("DEPOSIT", "", "80.00"),
            ("FEE", "CANCELLATION_FEE", "80.00"),
        ]
        closed = (await events("lodging.folio.closed"))[-1]
        assert (closed["total"], closed["paid"], closed["balance"]) == ("80.00", "80.00", "0.00")

        source = (await book(h, a, 6, 8, name="Luis Gómez"))["reservation"]["id"]
        target = (await book(h, c, 10, 12, name="Luis Gómez"))["reservation"]["id"]
        await run(h, PAY, {**deposit, "reservationId": source})
        missing = await run(h, CANCEL, {"id": source, "deposit": "CARRY"})
        assert [(e["field"], e["code"]) for e in missing["errors"]] == [("carryToId", "REQUIRED")]
        itself = await run(h, CANCEL, {"id": source, "deposit": "CARRY", "carryToId": source})
        assert [(e["field"], e["code"]) for e in itself["errors"]] == [("carryToId", "INVALID")]
        carried = await run(h, CANCEL, {"id": source, "deposit": "CARRY", "carryToId": target})
        assert carried["reservation"]["folio"]["balance"] == "0.00"
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Reservation { folio { paid } } } }",
            {"id": target},
            as_="front_desk",
        )
        assert node["node"]["folio"]["paid"] == "80.00"


async def test_a_no_show_keeps_the_deposit_as_its_fee(sportello_app, monkeypatch) -> None:
    async with sportello_app(MODULES) as h:
        room = (await hotel(h, rooms=1))["rooms"][0]["id"]
        rid = (await book(h, room, 0, 2))["reservation"]["id"]
        await run(h, PAY, {"reservationId": rid, "amount": "100", "deposit": True})
        travel(monkeypatch, 1)
        held = await run(h, NO_SHOW, {"id": rid})
        assert [e["code"] for e in held["errors"]] == ["DEPOSIT_HELD"]
        kept = await run(h, NO_SHOW, {"id": rid, "deposit": "KEEP"})
        assert kept["reservation"]["status"] == "NO_SHOW"
        assert [(n["kind"], n["chargeCode"]) for n in nodes(kept["reservation"])] == [
            ("DEPOSIT", ""),
            ("FEE", "NO_SHOW_FEE"),
        ]
        (closed,) = await events("lodging.folio.closed")
        assert closed["reservation_status"] == "no_show"


async def test_concurrent_refunds_and_voids_never_exceed_the_line(
    sportello_app, monkeypatch
) -> None:
    async with sportello_app(MODULES, live=True) as h:
        rid = await in_house(h, monkeypatch)
        pay = await run(h, PAY_FULL, {"reservationId": rid, "amount": "100"})
        extra = {"reservationId": rid, "description": "Spa", "unitAmount": "40"}
        charge = await run(h, CHARGE_FULL, extra)
        token = await h.token(roles=["manager"])

        async def attempt(query: str, i: dict[str, Any]) -> dict[str, Any]:
            result = await h.gql(query, {"i": i}, token=token)
            assert not result.get("errors"), result
            return next(iter(result["data"].values()))

        refunds = await asyncio.gather(
            *(attempt(REFUND, {"id": pay["line"]["id"], "reason": f"r{i}"}) for i in range(6))
        )
        voids = await asyncio.gather(
            *(attempt(VOID, {"id": charge["line"]["id"], "reason": f"v{i}"}) for i in range(6))
        )
        assert sorted(e["code"] for r in refunds for e in r["errors"]) == ["ALREADY_REFUNDED"] * 5
        assert sorted(e["code"] for r in voids for e in r["errors"]) == ["ALREADY_VOIDED"] * 5
        node = await h.ok(
            "query($id: ID!) { node(id: $id) { ... on Reservation { folio { total paid } } } }",
            {"id": rid},
            as_="front_desk",
        )
        assert node["node"]["folio"] == {"total": "204.00", "paid": "0.00"}
