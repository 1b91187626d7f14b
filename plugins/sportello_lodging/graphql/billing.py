"""Company billing on a reservation: who pays which charges of its folio (``folioBillToSet``).

The fields are added to ``Reservation`` (``type_fields``); a page of reservations loads its
billing rows in one query."""

from __future__ import annotations

from typing import Any

import strawberry

from sportello import api
from sportello_lodging import billing_models as bm


async def load_billing(reservations: list[Any]) -> None:
    ids = [r.id for r in reservations]
    rows = await bm.FolioBilling.filter(reservation_id__in=ids).prefetch_related("bill_to")
    found = {b.reservation_id: b for b in rows}
    for res in reservations:
        res.__dict__["lodging_folio_billing"] = found.get(res.id)


async def _billing(root: Any) -> bm.FolioBilling | None:
    if "lodging_folio_billing" not in root.__dict__:
        await load_billing([root])
    row: bm.FolioBilling | None = root.__dict__["lodging_folio_billing"]
    return row


async def _bill_to(root: Any) -> Any:
    row = await _billing(root)
    return None if row is None else row.bill_to


async def _charge_codes(root: Any) -> list[str]:
    row = await _billing(root)
    return [] if row is None else list(row.charge_codes)


@strawberry.type
class ReservationBillingFields:
    __needs__ = {
        "bill_to": api.needs(batch=load_billing),
        "bill_to_charge_codes": api.needs(batch=load_billing),
    }

    bill_to = strawberry.field(
        resolver=_bill_to,
        graphql_type=api.Party | None,
        permission_classes=[api.requires("lodging.view")],
        description="The party (a company) that pays the folio's charges, or those routed to it",
    )
    bill_to_charge_codes = strawberry.field(
        resolver=_charge_codes,
        graphql_type=list[str],
        permission_classes=[api.requires("lodging.view")],
        description="The charge codes the bill-to pays (empty: every charge); the rest is the guest's",
    )
