"""A party's personal data in sales: the export and the erasure (GDPR).

Issued invoices and credit notes, with the buyer's data frozen on them, are kept: tax law
requires keeping invoices for years (Italy: art. 2220 c.c., ten years). The billing profile
and the drafts, quotes and orders that were never issued are personal data without that
duty: the profile is blanked, unissued documents lose their notes.
"""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_sales import models as m

PROFILE_FIELDS = (
    "name",
    "vat_id",
    "fiscal_code",
    "street",
    "postcode",
    "city",
    "province",
    "sdi_code",
    "pec",
)


async def party_data(party_id: int) -> dict[str, Any]:
    profile = await m.BillingProfile.filter(party_id=party_id).first()
    invoices = await m.Invoice.filter(party_id=party_id).order_by("id")
    return {
        "billing_profile": (
            {k: getattr(profile, k) for k in (*PROFILE_FIELDS, "country", "kind")}
            if profile
            else None
        ),
        "invoices": [
            {
                "kind": inv.kind,
                "status": inv.status,
                "number": inv.number,
                "issue_date": inv.issue_date.isoformat() if inv.issue_date else None,
                "currency": inv.currency,
                "total": str(inv.total),
                "buyer": inv.buyer,
            }
            for inv in invoices
        ],
        "quotes_and_orders": [
            {"kind": o.kind, "status": o.status, "currency": o.currency, "total": str(o.total)}
            for o in await m.Order.filter(party_id=party_id).order_by("id")
        ],
    }


async def party_erase(party_id: int) -> api.ErasureReport:
    erased: list[str] = []
    async with api.atomic():
        blank = {k: "" for k in PROFILE_FIELDS}
        if await m.BillingProfile.filter(party_id=party_id).update(**blank):
            erased += [f"sales_billing_profile.{k}" for k in PROFILE_FIELDS]
        if await m.Invoice.filter(party_id=party_id).exclude(status=m.ISSUED).update(notes=""):
            erased.append("sales_invoice.notes")
        if await m.Order.filter(party_id=party_id).update(notes=""):
            erased.append("sales_order.notes")
    reason = "Issued invoices are kept for the period tax law requires (IT: 10 years)"
    return api.ErasureReport(
        plugin="sales",
        erased=tuple(erased),
        retained={"sales_invoice.buyer": reason, "sales_invoice.number": reason},
    )
