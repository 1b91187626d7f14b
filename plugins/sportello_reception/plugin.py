"""Reception: what every front desk shares (desks, the day's arrivals, who is here now)."""

from __future__ import annotations

import pluggy

from sportello import api
from sportello_reception import demo, hookspecs
from sportello_reception.graphql import mutations, queries, types
from sportello_reception.messages import MESSAGES

VIEW = ["reception.view"]

office = api.Office(
    name="reception",
    title="Reception",
    version="0.1.0",
    description="Front desks, the day's arrivals and who is here now, for every receiving office.",
    types=[types.Arrival, types.FrontDesk],
    queries=[queries.ReceptionQueries],
    mutations=mutations.ALL,
    permissions={
        "reception.view": "See front desks, arrivals and who is here",
        "reception.manage": "Create and edit front desks",
    },
    roles={
        "front_desk": VIEW,
        "manager": ["reception.view", "reception.manage"],
        "back_office": VIEW,
    },
    translations=MESSAGES,
    demo=demo.load,
)


@api.hookimpl
def sportello_addhooks(pm: pluggy.PluginManager) -> None:
    """Reception's own hooks, which the receiving offices implement."""
    pm.add_hookspecs(hookspecs)
