"""CRM: every interaction with a party, cases from the desk to a department and back."""

from __future__ import annotations

from sportello import api
from sportello_crm import demo
from sportello_crm.graphql import mutations, queries, types
from sportello_crm.messages import MESSAGES
from sportello_crm.services import _common as c
from sportello_crm.services import mail, notices, privacy
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
    types=[types.Interaction, types.Case],
    queries=[queries.CrmQueries],
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
            c.CASE_REOPENED,
            description="A resolved case was reopened (the party answered).",
            payload=c.CaseChanged,
        ),
    ],
    startup=_startup,
    demo=demo.load,
    party_data=privacy.party_data,
    party_erase=privacy.party_erase,
)


# The core's inbound email route asks the offices in turn: the CRM files what it is given.
@api.hookimpl
def sportello_inbound_mail_handlers() -> list[api.InboundMailHandler]:
    return [api.InboundMailHandler(c.OFFICE, mail.handle_inbound)]
