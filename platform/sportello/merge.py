"""Merging a duplicate party into the one that stays: every enabled office moves its references
(the ``sportello_party_merge`` hook), in one transaction with the audit entry.

The merged party is kept as a tombstone (``Party.mergedInto``), as Dynamics 365 deactivates
the subordinate record with a pointer to its master and HubSpot keeps a merged id as an alias:
ids handed out before the merge (a mail thread, a link in another system, a webhook consumer,
the audit trail) still lead to the survivor, and nothing can be linked to the tombstone again
(``sportello.api.lock_live_party`` refuses it). Deleting the row instead would break those
links and the history's foreign keys.

Who may: ``parties.merge`` and access to every site, as for erasure: the records moved span
sites, and a site-bound clerk would move records they cannot see.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from sportello.contract import MergeReport
from sportello.hookcall import call_each
from sportello.identity import tokens
from sportello.identity.audit import record
from sportello.parties.models import Party
from sportello.parties.services._common import now
from sportello.parties.services.merge import bury, lock_pair
from sportello.privacy import require_all_sites
from sportello.services import Actor, atomic

if TYPE_CHECKING:
    from sportello.runtime import Runtime


def _plugin_name(impl_name: str) -> str:
    return impl_name.split(":", 1)[1] if impl_name.startswith("core:") else impl_name


async def merge_parties(
    runtime: Runtime, actor: Actor, source_id: int, target_id: int
) -> tuple[Party, list[MergeReport]]:
    """Merge ``source_id`` into ``target_id``; the survivor and what each plugin moved.

    A hook that refuses (``ServiceError``, e.g. ``MERGE_CONFLICT``) rolls the whole merge back.
    """
    require_all_sites(actor)
    async with atomic():
        source, target = await lock_pair(source_id, target_id)
        reports: list[MergeReport] = []
        calls = call_each(
            runtime.pm, "sportello_party_merge", source_id=source_id, target_id=target_id
        )
        try:
            for owner, value in calls:
                if inspect.isawaitable(value):
                    value = await value
                if value is not None:
                    reports.append(MergeReport.coerce(value, _plugin_name(owner)))
        finally:  # a refusal leaves the later offices' coroutines unstarted: close them
            for _, value in calls:
                if inspect.iscoroutine(value):
                    value.close()
        survivor = await bury(source, target, now())
        await record(
            actor,
            "partyMerge",
            object_type="Party",
            object_id=target_id,
            before={"sourceId": source_id, "sourceName": source.display_name},
            after={
                "moved": {k: n for r in reports for k, n in sorted(r.moved.items()) if n},
                "dropped": {k: n for r in reports for k, n in sorted(r.dropped.items()) if n},
            },
        )
    tokens.forget()  # logins bound to the merged party now act for the survivor
    return survivor, reports
