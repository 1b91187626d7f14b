from __future__ import annotations

import datetime as dt

import strawberry

from sportello import api
from sportello_lodging.graphql.night_audit import AUDIT, NightAuditReport, report_type
from sportello_lodging.graphql.types import LodgingError
from sportello_lodging.services import night_audit, night_report

NightAuditRunPayload = api.payload(
    errors=LodgingError, name="NightAuditRunPayload", report=NightAuditReport
)


@api.mutation(AUDIT, NightAuditRunPayload)
async def night_audit_run(
    info: strawberry.Info, site_id: strawberry.ID, day: dt.date
) -> dict[str, NightAuditReport]:
    """Run the night audit of a business day at a site: post the room nights of the stays in
    house, mark the day's no-shows and close the day (nothing is dated inside it afterwards).
    Running it again, or twice at once, closes it once."""
    actor = info.context.actor
    site = api.decode_id(site_id, "Site", "siteId")
    await night_audit.run(actor, site, day)
    rep = await night_report.report(actor, site, day)
    return {"report": report_type(rep, actor.language)}
