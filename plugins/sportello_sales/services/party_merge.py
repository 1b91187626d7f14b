"""A merged party's quotes, orders, invoices, payments and refunds go to the surviving party.

One billing profile per party (``sales_billing_profile.party`` is unique). When only the
merged party has one it moves; when both do, the survivor's stays and the other is dropped
(issued invoices keep their own copy of the billing data), unless the two name different tax
ids: then they are two taxpayers, not one person twice, and the merge is refused.

An organisation's numbering counters go with its documents: the survivor continues the merged
organisation's sequence of a series and year. Where both have issued numbers in the same series
and year the merge is refused, as one issuer would then hold two sequences with the same
numbers. Moving a counter row takes its row lock, so an issue running at the same time either
numbers before the merge, or after it from the moved row: a sequence never repeats."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

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


async def _counters(source_id: int, target_id: int, report: api.MergeReport) -> None:
    # Locked: an issue that numbers from one of them waits for the merge, and then finds it
    # moved (it numbers on) or dropped (it reads its counter again); what is decided below
    # holds until the commit.
    both = (
        await m.SeriesCounter.filter(organisation_key__in=[source_id, target_id])
        .select_for_update()
        .order_by("id")
        .values_list("organisation_key", "id", "series_id", "year", "last_number")
    )
    if not any(row[0] == source_id for row in both):
        return
    codes = dict(await m.Series.filter(id__in={row[2] for row in both}).values_list("id", "code"))
    rows = [(key, (pk, codes[series], series, year, last)) for key, pk, series, year, last in both]
    moving = [row for key, row in rows if key == source_id]
    kept = [row for key, row in rows if key == target_id]
    theirs = {(series_id, year): (pk, last) for pk, _, series_id, year, last in kept}

    def refused(code: str, year: int) -> api.ServiceError:
        return api.ServiceError(
            "MERGE_CONFLICT", "sales.merge_numbering_overlaps", "sourceId", series=code, year=year
        )

    move, drop = [], []  # a counter that never numbered anything is dropped on either side
    for pk, code, series_id, year, last in moving:
        other = theirs.get((series_id, year))
        if other is None:
            move.append(pk)
        elif last == 0:
            drop.append(pk)
        elif other[1] == 0:
            drop.append(other[0])
            move.append(pk)
        else:
            raise refused(code, year)
    if drop:
        await m.SeriesCounter.filter(id__in=drop).delete()
    try:
        moved = await m.SeriesCounter.filter(id__in=move).update(organisation_key=target_id)
    except IntegrityError:  # the survivor's counter of a moved one was made meanwhile
        first = next(row for row in moving if row[0] in move)
        raise refused(first[1], first[3]) from None
    report.moved["sales_series_counter.organisation_key"] = moved


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
    await _counters(source_id, target_id, report)
    return report
