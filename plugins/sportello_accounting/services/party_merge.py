"""A merged party's ledger lines and supplier bills go to the surviving party.

A supplier numbers its own bills, one number once (``accounting_supplier_bill`` is unique per
supplier and number): two records of one supplier holding the same number are one bill
entered twice, which the books must sort out by a reversal, so the merge is refused naming
the numbers.

An organisation's ledger (its accounts, journals, fiscal years, mappings and bills) goes to the
surviving organisation when that one keeps no ledger; two ledgers are never merged into one
(their numbering and closed periods would collide): the merge is refused."""

from __future__ import annotations

from sportello import api
from sportello_accounting import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    # One number once per supplier in each ledger (the unique key is per organisation).
    theirs = set(
        await m.SupplierBill.filter(supplier_id=target_id).values_list("organisation_id", "number")
    )
    ours = await m.SupplierBill.filter(supplier_id=source_id).values_list(
        "organisation_id", "number"
    )
    clash = {number for org, number in ours if (org, number) in theirs}
    if clash:
        numbers = ", ".join(sorted(str(n) for n in clash))
        raise api.ServiceError(
            "MERGE_CONFLICT", "accounting.merge_same_bill_number", "sourceId", numbers=numbers
        )
    if await _keeps_ledger(source_id) and await _keeps_ledger(target_id):
        raise api.ServiceError("MERGE_CONFLICT", "accounting.merge_two_ledgers", "sourceId")
    columns = [
        (m.EntryLine, "party_id"),
        (m.SupplierBill, "supplier_id"),
        *(
            (model, "organisation_id")
            for model in (m.Account, m.Journal, m.FiscalYear, m.AccountMapping, m.SupplierBill)
        ),
    ]
    return await api.move_party_references("accounting", source_id, target_id, columns)


async def _keeps_ledger(organisation_id: int) -> bool:
    for model in (m.Account, m.Journal, m.FiscalYear):
        if await model.filter(organisation_id=organisation_id).exists():
            return True
    return False
