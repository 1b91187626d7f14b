"""A merged person's employments go to the surviving party.

A person holds one current employment at a time (``hire`` refuses a second one): when both
parties are currently employed the two records are two jobs or a mistake that payroll must
settle, so the merge is refused naming both, rather than guessing which one ends."""

from __future__ import annotations

from sportello import api
from sportello_hr import models as m


async def party_merge(source_id: int, target_id: int) -> api.MergeReport:
    current = await m.Employee.filter(
        party_id__in=[source_id, target_id], end_date=None
    ).values_list("party_id", "job_title")
    if len({party for party, _ in current}) == 2:
        jobs = ", ".join(sorted(title or "-" for _, title in current))
        raise api.ServiceError("MERGE_CONFLICT", "hr.merge_both_employed", "sourceId", jobs=jobs)
    columns = [(m.Employee, "party_id")]
    return await api.move_party_references("hr", source_id, target_id, columns)
