"""Company billing: a stay's folio billed (in part) to another party.

``set_bill_to`` names the party that pays, and which charge codes it pays (none named: every
charge); the rest stays the guest's. Set while the folio is open (not after checkout: the
folio's invoices are issued then), the reservation locked as every folio change locks it,
audited. ``lodging.folio.closed`` carries it (``bill_to_party_id``, ``bill_to_charge_codes``),
so sales invoices each part to its party.
"""

from __future__ import annotations

from collections.abc import Sequence

from sportello import api
from sportello_lodging import billing_models as bm
from sportello_lodging import models as m
from sportello_lodging.services._common import locked_reservation

FOLIO_BILL_TO_SET = "folioBillToSet"
OPEN = (m.CONFIRMED, m.CHECKED_IN)
MAX_CODES = 20


def _codes(codes: Sequence[str]) -> list[str]:
    if len(codes) > MAX_CODES:
        raise api.ServiceError(
            "TOO_MANY", "lodging.too_many_charge_codes", "chargeCodes", max=MAX_CODES
        )
    found: list[str] = []
    for i, raw in enumerate(codes):
        code = raw.strip().upper()
        valid = (
            0 < len(code) <= 32
            and code[0].isalpha()
            and all(c.isascii() and (c.isalnum() or c == "_") for c in code)
        )
        if not valid:
            raise api.ServiceError("INVALID", "lodging.invalid_route_code", f"chargeCodes.{i}")
        if code not in found:
            found.append(code)
    return found


async def set_bill_to(
    actor: api.Actor, reservation_id: int, bill_to_id: int | None, codes: Sequence[str]
) -> m.Reservation:
    """The stay's bill-to party and its charge codes; ``bill_to_id`` None: the guest pays all."""
    routed = _codes(codes)
    if bill_to_id is not None and not await api.PartyModel.filter(id=bill_to_id).exists():
        raise api.ServiceError("NOT_FOUND", "core.not_found", "billToPartyId")
    async with api.atomic():
        res = await locked_reservation(actor, reservation_id)
        if res.status not in OPEN:
            raise api.ServiceError("FOLIO_CLOSED", "lodging.folio_closed", "reservationId")
        before = await bm.FolioBilling.filter(reservation_id=res.id).first()
        was = (
            {"bill_to": before.bill_to_id, "charge_codes": before.charge_codes} if before else None
        )
        if bill_to_id is None or bill_to_id == res.guest_id:
            await bm.FolioBilling.filter(reservation_id=res.id).delete()
            now = None
        else:
            if before is None:
                await bm.FolioBilling.create(
                    reservation_id=res.id, bill_to_id=bill_to_id, charge_codes=routed
                )
            else:
                before.bill_to_id, before.charge_codes = bill_to_id, routed
                await before.save(update_fields=["bill_to_id", "charge_codes", "updated_at"])
            now = {"bill_to": bill_to_id, "charge_codes": routed}
        await api.record(
            actor,
            FOLIO_BILL_TO_SET,
            res,
            before={"billing": was},
            after={"billing": now},
            site_id=res.site_id,
        )
    return res


async def of(reservation_id: int) -> tuple[int | None, list[str]]:
    """The bill-to party and its charge codes (None and [] when the guest pays all)."""
    row = await bm.FolioBilling.filter(reservation_id=reservation_id).first()
    if row is None:
        return None, []
    return row.bill_to_id, list(row.charge_codes)
