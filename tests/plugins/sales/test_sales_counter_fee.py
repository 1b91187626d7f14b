"""The counter office's service fee: a certificate service with a fee makes a receipt when its
ticket is served, paid in cash into the desk's open session; a redelivery issues nothing twice."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "counter"))

from counter_helpers import call, issue, office, release
from sales_setup import PLUGINS, codes, product
from test_sales_counter_sale import CLOSE, OPEN

MODULES = ["reception", "counter", "sales"]

FEE_SET = """
mutation($i: CounterFeeSetInput!) {
  counterFeeSet(input: $i) { product { chargeCode } errors { field code } }
}
"""
RECEIPTS = """
query { invoices(first: 10) { edges { node {
  number status total paidTotal paymentStatus notes party { displayName }
  lines { chargeCode quantity unitPrice taxCode }
} } } }
"""


async def serve(h: Any, service: str, counter: str) -> None:
    await issue(h, service)
    called = await call(h, counter)
    await release(h, called["ticket"]["id"], as_="front_desk")
    await h.settle()


async def receipts(h: Any) -> list[dict[str, Any]]:
    return [e["node"] for e in (await h.ok(RECEIPTS, as_="manager"))["invoices"]["edges"]]


async def test_a_served_ticket_of_a_service_with_a_fee_is_a_paid_receipt(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        setup = await office(h, services=("A", "B"), counters=(("A", "B"),))
        fee = await product(h, "CERT_FEE", "Registry certificate fee", "N1", "16.00")
        service, free, counter = (
            setup["services"]["A"],
            setup["services"]["B"],
            setup["counters"][0],
        )
        i = {"serviceId": service, "productId": fee, "desk": "front"}
        out = (await h.ok(FEE_SET, {"i": i}, as_="manager"))["counterFeeSet"]
        assert out == {"product": {"chargeCode": "CERT_FEE"}, "errors": []}
        opened = await h.ok(
            OPEN, {"i": {"siteId": setup["site"], "desk": "FRONT", "openingFloat": "50.00"}}
        )
        session = opened["cashSessionOpen"]["cashSession"]["id"]

        await serve(h, service, counter)
        await serve(h, free, counter)  # no fee: no receipt
        (receipt,) = await receipts(h)
        assert receipt["number"].split("/")[1] == "RC" and receipt["status"] == "ISSUED"
        assert receipt["party"]["displayName"] == "Walk-in customer"
        assert receipt["notes"].startswith("Ticket A")
        (line,) = receipt["lines"]
        assert (line["chargeCode"], line["taxCode"]) == ("CERT_FEE", "N1")
        assert (Decimal(line["quantity"]), Decimal(line["unitPrice"])) == (1, 16)
        assert (receipt["total"], receipt["paidTotal"], receipt["paymentStatus"]) == (
            "16.00",
            "16.00",
            "PAID",
        )
        closed = await h.ok(CLOSE, {"i": {"id": session, "countedCash": "66.00"}}, as_="manager")
        assert closed["cashSessionClose"]["cashSession"]["difference"] == "0.00", closed

        # a redelivered event issues and pays nothing twice
        from sportello import api
        from sportello.events.models import OutboxEvent
        from sportello_sales.models import Invoice, Payment
        from sportello_sales.services.integrations import counter as from_counter

        for row in await OutboxEvent.filter(name="counter.ticket.finished"):
            event = api.Event(
                id=row.id,
                name=row.name,
                version=row.version,
                aggregate=row.aggregate,
                payload=row.payload,
                site_id=row.site_id,
            )
            await from_counter.on_ticket_finished(event)
        assert await Invoice.all().count() == 1 and await Payment.all().count() == 1

        # the fee removed: the next ticket makes no receipt
        out = (await h.ok(FEE_SET, {"i": {"serviceId": service}}, as_="manager"))["counterFeeSet"]
        assert out == {"product": None, "errors": []}
        await serve(h, service, counter)
        assert len(await receipts(h)) == 1


async def test_without_an_open_session_the_receipt_stays_due_and_bad_input(
    sportello_app: Callable[..., Any],
) -> None:
    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        setup = await office(h)
        fee = await product(h, "CERT_FEE", "Registry certificate fee", "N1", "16.00")
        service, counter = setup["services"]["A"], setup["counters"][0]
        unknown = {"serviceId": service, "productId": service}  # not a product's id
        out = (await h.ok(FEE_SET, {"i": unknown}, as_="manager"))["counterFeeSet"]
        assert [e["field"] for e in out["errors"]] == ["productId"]
        denied = await h.gql(
            FEE_SET, {"i": {"serviceId": service, "productId": fee}}, as_="front_desk"
        )
        assert denied["errors"] and denied["data"] is None
        out = await h.ok(FEE_SET, {"i": {"serviceId": service, "productId": fee}}, as_="manager")
        assert codes(out["counterFeeSet"]) == []

        await serve(h, service, counter)
        (receipt,) = await receipts(h)
        assert (receipt["total"], receipt["paymentStatus"]) == ("16.00", "UNPAID")
        from sportello.identity.models import AuditEntry

        assert await AuditEntry.filter(operation="counterFeeSet").count() == 1


async def test_a_fee_needs_a_counter_service_the_counter_office_knows(
    sportello_app: Callable[..., Any],
) -> None:
    from sportello import api
    from sportello_sales.models import CounterFee

    async with sportello_app(MODULES, plugins=PLUGINS) as h:
        setup = await office(h)
        fee = await product(h, "CERT_FEE", "Registry certificate fee", "N1", "16.00")
        service = setup["services"]["A"]
        unknown = api.encode_id("CounterService", 987654)
        out = await h.ok(FEE_SET, {"i": {"serviceId": unknown, "productId": fee}}, as_="manager")
        assert out["counterFeeSet"]["errors"] == [{"field": "serviceId", "code": "NOT_FOUND"}]
        foreign = {"serviceId": fee, "productId": fee}  # a product's id, not a service's
        out = await h.ok(FEE_SET, {"i": foreign}, as_="manager")
        assert out["counterFeeSet"]["errors"] == [{"field": "serviceId", "code": "INVALID_ID"}]
        assert await CounterFee.all().count() == 0
        # an unknown service's fee can still be removed (its service may be gone)
        out = await h.ok(FEE_SET, {"i": {"serviceId": unknown}}, as_="manager")
        assert out["counterFeeSet"]["errors"] == []
        out = await h.ok(FEE_SET, {"i": {"serviceId": service, "productId": fee}}, as_="manager")
        assert out["counterFeeSet"]["errors"] == []
        assert await CounterFee.all().count() == 1


async def test_without_the_counter_office_no_service_is_found(
    sportello_app: Callable[..., Any],
) -> None:
    from sportello import api

    async with sportello_app(["reception", "sales"], plugins=PLUGINS) as h:
        fee = await product(h, "CERT_FEE", "Registry certificate fee", "N1", "16.00")
        i = {"serviceId": api.encode_id("CounterService", 1), "productId": fee}
        out = await h.ok(FEE_SET, {"i": i}, as_="manager")
        assert out["counterFeeSet"]["errors"] == [{"field": "serviceId", "code": "NOT_FOUND"}]
