"""The CRM's node types: interactions and cases, with their history, links and clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from sportello import api
from sportello_crm import models
from sportello_crm.graphql import loaders
from sportello_crm.graphql.values import (
    CaseHistoryEntry,
    CaseKind,
    CasePriority,
    CaseStatus,
    Channel,
    Direction,
    EmailAttachment,
    LinkedObject,
)
from sportello_crm.services import _common as c
from sportello_crm.services import reads
from sportello_crm.services.interactions import MAX_LINKS

#: The cost limit's estimate of an email's attachments.
MAX_ATTACHMENTS = 20


def _interaction_links(self: Any) -> Any:
    return loaders.read(self, "crm_links", loaders.interaction_links)


def _case_links(self: Any) -> Any:
    return loaders.read(self, "crm_links", loaders.case_links)


def _history(self: Any) -> Any:
    return loaders.read(self, "crm_history", loaders.history)


def _sla_clock(self: Any) -> Any:
    return loaders.read(self, "crm_clock", loaders.clocks)


async def _one_due(root: Any) -> dt.datetime | None:
    await loaders.due_times([root])
    due: dt.datetime | None = root.__dict__["crm_due"]
    return due


def _due_at(self: Any) -> Any:
    values = self.__dict__
    if "crm_due" in values:
        return values["crm_due"]
    if "crm_clock" in values:
        return reads.due_at(values["crm_clock"])
    return _one_due(self)


def _attachments(self: Any) -> list[EmailAttachment]:
    return [
        EmailAttachment(
            filename=str(a.get("filename", "")),
            content_type=str(a.get("content_type", "")),
            size=int(a.get("size", 0)),
            stored=bool(a.get("stored")),
        )
        for a in api.follow(self, "attachments") or ()
    ]


def _handled(self: Any) -> bool:
    return api.follow(self, "handled_at") is not None


def _interaction_case_id(self: Any) -> strawberry.ID | None:
    value = api.follow(self, "case_id")
    return None if value is None else api.encode_id("Case", value)


def _reference(self: Any) -> str:
    return f"C-{self.id:06d}"


def _assignee_id(self: Any) -> strawberry.ID | None:
    value = api.follow(self, "assignee_id")
    return None if value is None else api.encode_id("User", value)


@strawberry.type(
    description=(
        "A contact with a party on one channel: a call (with the switchboard's filtering"
        " note), an email in or out, a visit at the counter, a web form, a chat, a letter, a"
        " social message."
    )
)
class Interaction(api.ModelNode):
    __model__ = models.Interaction
    __permission__ = c.VIEW
    __site_field__ = "site_id"
    __needs__ = {
        "links": api.needs(batch=loaders.interaction_links),
        "handled": api.needs("handled_at"),
        "case_id": api.needs("case_id"),
        "attachments": api.needs("attachments"),
    }

    id: relay.NodeID[int]
    site: api.Site
    party: api.Party | None
    channel: Channel
    direction: Direction
    subject: str
    body: str
    filter_note: str = strawberry.field(
        description="The switchboard's filtering note on a call: who, what about, for whom."
    )
    contact: str = strawberry.field(description="The address or number used.")
    message_id: str | None
    occurred_at: dt.datetime
    handled_at: dt.datetime | None
    created_at: dt.datetime
    handled: bool = strawberry.field(
        resolver=_handled, description="Whether someone took care of it (it left the inbox)."
    )
    case_id: strawberry.ID | None = strawberry.field(
        resolver=_interaction_case_id, description="The case it belongs to."
    )
    attachments: list[EmailAttachment] = strawberry.field(
        resolver=_attachments,
        description="The files of an inbound email.",
        metadata=api.list_size(MAX_ATTACHMENTS),
    )
    links: list[LinkedObject] = strawberry.field(
        resolver=_interaction_links,
        description="The objects it is about.",
        metadata=api.list_size(MAX_LINKS),
    )


@strawberry.type(
    description=(
        "A complaint, information request or citizen request: taken at the desk, triaged,"
        " answered at once or transferred to a department, resolved with an outcome."
    )
)
class Case(api.ModelNode):
    __model__ = models.Case
    __permission__ = c.VIEW
    __site_field__ = "site_id"
    __needs__ = {
        "history": api.needs(batch=loaders.history),
        "links": api.needs(batch=loaders.case_links),
        "sla_clock": api.needs(batch=loaders.clocks),
        "due_at": api.needs(
            batch=loaders.due_times,
            columns=[api.sla_due_column(c.OFFICE, c.CASE_ITEM, "crm_due")],
        ),
        "assignee_id": api.needs("assignee_id"),
        "reference": api.needs("id"),
    }

    id: relay.NodeID[int]
    site: api.Site
    kind: CaseKind
    party: api.Party | None
    subject: str
    description: str
    channel: Channel
    category: str
    priority: CasePriority
    status: CaseStatus
    department: api.Department | None
    outcome: str | None
    version: int = strawberry.field(
        description="Raised by every change: pass it back to act only on what you saw."
    )
    reopened_count: int
    satisfaction: int | None = strawberry.field(
        description="The requester's rating of the answer, 1 to 5 (null: not given)."
    )
    satisfaction_comment: str
    created_at: dt.datetime
    updated_at: dt.datetime
    resolved_at: dt.datetime | None
    reference: str = strawberry.field(
        resolver=_reference, description="The reference the requester was given (C-000042)."
    )
    assignee_id: strawberry.ID | None = strawberry.field(
        resolver=_assignee_id, description="The user working on it (null: nobody took it yet)."
    )
    due_at: dt.datetime | None = strawberry.field(
        resolver=_due_at,
        description=(
            "When it must be resolved, from the SLA engine (a legal deadline included); null"
            " while the clock is paused or finished, or when no target applies."
        ),
    )
    sla_clock: api.SlaClock | None = strawberry.field(
        resolver=_sla_clock,
        permission_classes=[api.requires("sla.view")],
        description="The case's SLA clock.",
    )
    history: list[CaseHistoryEntry] = strawberry.field(
        resolver=_history, description="Every step, oldest first, each transfer with its note."
    )
    links: list[LinkedObject] = strawberry.field(
        resolver=_case_links,
        description="The objects it is about.",
        metadata=api.list_size(MAX_LINKS),
    )
    interactions: list[Interaction] = api.related(
        Interaction,
        "case",
        order_by=("occurred_at", "id"),
        description="The calls, emails and visits about it, oldest first.",
    )


CrmError = api.office_errors(
    "Crm", "INVALID_TRANSITION", "ALREADY_TAKEN", "ALREADY_HANDLED", "UNKNOWN_OBJECT"
)
