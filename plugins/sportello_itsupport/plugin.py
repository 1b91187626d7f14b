"""IT support: tickets with service levels from the core's SLA engine, the organisation's
assets (CMDB) and a knowledge base searched with the database's own full-text engine."""

from __future__ import annotations

from sportello import api
from sportello_itsupport import demo, services
from sportello_itsupport.graphql import mutations, queries, types
from sportello_itsupport.graphql.asset_types import ItAsset, ItAssetAssignment, ItAssetRelation
from sportello_itsupport.graphql.kb_types import KbArticle
from sportello_itsupport.messages import MESSAGES
from sportello_itsupport.services import inbound, privacy
from sportello_itsupport.services.party_merge import party_merge
from sportello_itsupport.settings import ItSupportSettings

VIEW, REQUEST, WORK, MANAGE = (
    "itsupport.view",
    "itsupport.request",
    "itsupport.work",
    "itsupport.manage",
)


def _startup(runtime: api.RuntimeView) -> None:
    services.configure(runtime.plugin_settings("itsupport"))


office = api.Office(
    name="itsupport",
    title="IT support",
    version="0.1.0",
    description="Helpdesk tickets with service levels, assets (CMDB), knowledge base, reports.",
    settings=ItSupportSettings,
    types=[
        types.SupportTicket,
        types.SupportCategory,
        types.SupportTeamQueue,
        ItAsset,
        ItAssetAssignment,
        ItAssetRelation,
        KbArticle,
    ],
    queries=[queries.ItSupportQueries],
    mutations=mutations.ALL,
    permissions={
        VIEW: "See support tickets, assets and reports",
        REQUEST: "Open support tickets, write on one's own, rate them",
        WORK: "Agent work: assign, reply, notes, statuses, merge; assets and knowledge base",
        MANAGE: "Categories and how teams hand out tickets",
    },
    roles={
        "front_desk": [VIEW, REQUEST],
        "back_office": [VIEW, REQUEST, WORK],
        "manager": [VIEW, REQUEST, WORK, MANAGE],
        "auditor": [VIEW],
    },
    translations=MESSAGES,
    notifications=services.KINDS,
    event_types=services.EVENT_TYPES,
    event_handlers=services.HANDLERS,
    startup=_startup,
    demo=demo.load,
    party_data=privacy.party_data,
    party_erase=privacy.party_erase,
    party_merge=party_merge,
)


# Asked before the other offices: it claims only the help desk's mail (its threads, a ticket
# reference in the subject, a configured mailbox) and leaves the rest to them (the CRM).
@api.hookimpl(tryfirst=True)
def sportello_inbound_mail_handlers() -> list[api.InboundMailHandler]:
    return [api.InboundMailHandler(inbound.OFFICE, inbound.claim)]
