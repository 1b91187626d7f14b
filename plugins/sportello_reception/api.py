"""Reception's public surface: what the offices that require reception import from it.

An office receiving people (lodging, counter, visitors) gives its arrival types the ``Arrival``
interface and implements reception's two hooks (specified in ``hookspecs``) as module-level
``@hookimpl`` functions of its plugin module::

    @hookimpl
    async def sportello_reception_arrivals(site_ids: SiteIds, day: dt.date) -> Sequence[Any]:
        ...  # objects expected or arrived on ``day`` (the site's local date)

    @hookimpl
    async def sportello_reception_present(site_ids: SiteIds) -> Sequence[Any]:
        ...  # objects for the people in the building now

``site_ids`` is None for every site, else the sites to list (possibly none). Everything else of
``sportello_reception`` is internal. The site clock helpers are the core's (``sportello.api``),
named here too for the offices that imported them from reception.
"""

from __future__ import annotations

from typing import TypeAlias

from sportello.api import day_windows, hookimpl, local_days, site_zones, zone
from sportello_reception import hookspecs
from sportello_reception.graphql.types import Arrival
from sportello_reception.hookspecs import ARRIVALS_HOOK, PRESENT_HOOK

#: The sites a reception hook is asked about: None for every site.
SiteIds: TypeAlias = frozenset[int] | None

__all__ = [
    "ARRIVALS_HOOK",
    "PRESENT_HOOK",
    "Arrival",
    "SiteIds",
    "day_windows",
    "hookimpl",
    "hookspecs",
    "local_days",
    "site_zones",
    "zone",
]
