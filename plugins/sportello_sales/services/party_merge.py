"""A merged party's quotes, orders, invoices, payments and refunds go to the surviving party.

One billing profile per party (``sales_billing_profile.party`` is unique). When only the
merged party has one it moves; when both do, the survivor's stays and the other is dropped
(issued invoices keep their own copy of the billing data), unless the two name different tax
ids: then they are two taxpayers, not one person twice, and the merge is refused."""

from __future__ import annotations

from sportello import api
from sportello_sales import models as m

TAX_IDS = ("vat_id", "fiscal_code")


async def _billing_profile(source_id: int, target_id: int, report: api.MergeReport) -> None:
    profiles = {
        p.party_id: p for p in await m.BillingProfile.filter(party_id__in=[source_id, target_id])
    }
    source, target = profiles.get(source_id), profiles.get(target_id)
    if source is None:
        return
    if target is None:
        await m.BillingProfile.filter(id=source.id).update(party_id=target_id)
        report.moved["sales_billing_profile.party_id"] = 1
        return
    for column in TAX_IDS:
        ours, theirs = getattr(source, column), getattr(target, column)
        if ours and theirs and ours != theirs:
            raise api.ServiceError(
                "MERGE_CONFLICT", "sales.merge_tax_ids_differ", "sourceId", ours=ours, theirs=theirs
            )
    await source.delete()
    report.dropped["sales_billing_profile"] = 1


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    columns = [
        (m.Order, "party_id"),
        (m.Invoice, "party_id"),
        (m.Payment, "party_id"),
        (m.Refund, "party_id"),
        # An organisation merged into another: its documents are the survivor's
        (m.Order, "organisation_id"),
        (m.Invoice, "organisation_id"),
        (m.Payment, "organisation_id"),
        (m.Refund, "organisation_id"),
    ]
    report = await api.move_party_references("sales", source_id, target_id, columns)
    await _billing_profile(source_id, target_id, report)
    return report
