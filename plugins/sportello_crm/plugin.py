"""CRM: every interaction with a party, cases from the desk to a department and back."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_crm import demo, hookspecs
from sportello_crm.graphql import mutations, pipeline_queries, pipeline_types, queries, types
from sportello_crm.messages import MESSAGES
from sportello_crm.services import _common as c
from sportello_crm.services import follow_ups, mail, notices, pipeline, privacy, timeline
from sportello_crm.services.party_merge import party_merge
from sportello_crm.settings import CrmSettings


def _startup(runtime: api.RuntimeView) -> None:
    c.configure(runtime.plugin_settings("crm"))


office = api.Office(
    name="crm",
    title="Customer relations",
    version="0.1.0",
    description=(
        "Interactions with parties on every channel, the desk's inbox, cases (complaints,"
        " information and citizen requests) transferred to departments and tracked by the SLA"
        " engine."
    ),
    settings=CrmSettings,
    types=[
        types.Interaction,
        types.Case,
        pipeline_types.PipelineStage,
        pipeline_types.LostReason,
        pipeline_types.Opportunity,
        pipeline_types.Activity,
    ],
    queries=[queries.CrmQueries, pipeline_queries.PipelineQueries],
    mutations=mutations.ALL,
    type_fields={api.Party: queries.PartyCrmFields},
    permissions={
        c.VIEW: "See interactions, cases and where they stand",
        c.DESK: "Front office: log interactions, take and triage cases",
        c.WORK: "Work on cases: take, transfer to a department, wait on the party, resolve",
        c.SALES: "Leads, opportunities and follow-ups",
        c.MANAGE: "Set up the CRM: pipeline stages, lost reasons",
    },
    roles={
        "front_desk": [c.VIEW, c.DESK, c.WORK],
        "back_office": [c.VIEW, c.DESK, c.WORK, c.SALES],
        "manager": [c.VIEW, c.DESK, c.WORK, c.SALES, c.MANAGE],
        "auditor": [c.VIEW],
    },
    translations=MESSAGES,
    notifications=[*notices.KINDS, mail.CASE_REPLY],
    event_types=[
        api.EventType(
            c.INTERACTION_LOGGED,
            description="A contact with a party was logged (a call, an email, a visit...).",
            payload=c.InteractionLogged,
        ),
        api.EventType(c.CASE_CREATED, description="A case was taken.", payload=c.CaseChanged),
        api.EventType(
            c.CASE_TRANSFERRED,
            description="A case was passed to a department.",
            payload=c.CaseChanged,
        ),
        api.EventType(
            c.CASE_RESOLVED,
            description="A case was resolved with an outcome.",
            payload=c.CaseChanged,
        ),
        api.EventType(
            pipeline.OPPORTUNITY_CREATED,
            description="A lead or opportunity entered the pipeline.",
            payload=pipeline.OpportunityChanged,
        ),
        api.EventType(
            pipeline.OPPORTUNITY_WON,
            description="An opportunity was won.",
            payload=pipeline.OpportunityChanged,
        ),
        api.EventType(
            pipeline.OPPORTUNITY_LOST,
            description="An opportunity was lost, with a reason.",
            payload=pipeline.OpportunityChanged,
        ),
        api.EventType(
            c.CASE_REOPENED,
            description="A resolved case was reopened (the party answered).",
            payload=c.CaseChanged,
        ),
    ],
    startup=_startup,
    demo=demo.load,
    party_data=privacy.party_data,
    party_erase=privacy.party_erase,
    party_merge=party_merge,
)


# The core's inbound email route asks the offices in turn: the CRM files what it is given.
@api.hookimpl
def sportello_inbound_mail_handlers() -> list[api.InboundMailHandler]:
    return [api.InboundMailHandler(c.OFFICE, mail.handle_inbound)]


#: The plugin manager that registered the CRM: the offices enabled with it.
_pm: Any = None


@api.hookimpl
def sportello_addhooks(pm: Any) -> None:
    global _pm
    _pm = pm
    pm.add_hookspecs(hookspecs)


# Follow-ups after other offices' events, registered only when the office publishing the event
# is on (a handler of an event nobody declares would stop the startup).
@api.hookimpl
def sportello_event_handlers() -> list[api.EventHandler]:
    return follow_ups.handlers(
        lambda office: _pm is not None and _pm.get_plugin(office) is not None
    )


# The CRM's own entries on the 360° timeline, through its own hook like any office's.
@api.hookimpl
def sportello_crm_timeline_sources() -> list[dict[str, Any]]:
    return list(timeline.OWN)
