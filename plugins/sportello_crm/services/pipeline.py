"""The sales pipeline: stages and lost reasons (set up by managers), opportunities moved from
stage to stage, won or lost with a reason.

A move is one conditional UPDATE naming the opportunity's status and the version the caller
saw: two people moving the same opportunity at once cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import list_currencies
from pydantic import BaseModel, Field

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c

OPPORTUNITY_CREATED = "crm.opportunity.created"
OPPORTUNITY_WON = "crm.opportunity.won"
OPPORTUNITY_LOST = "crm.opportunity.lost"

_CURRENCIES = frozenset(list_currencies())


class OpportunityChanged(BaseModel):
    """Payload of the ``crm.opportunity.*`` events."""

    opportunity_id: int = Field(description="The opportunity's id")
    party_id: int | None = Field(description="The customer's party id (null: a lead's contact)")
    stage: str = Field(description="The stage's name")
    status: str = Field(description="open, won or lost")
    expected_value: str | None = Field(description="Expected value, a decimal string")
    currency: str = Field(description="ISO 4217 code")
    owner_user_id: int | None = Field(description="The owner (a user)")


async def _publish(name: str, opp: m.Opportunity) -> None:
    stage = await m.Stage.get(id=opp.stage_id)
    payload = OpportunityChanged(
        opportunity_id=opp.id,
        party_id=opp.party_id,
        stage=stage.name,
        status=opp.status,
        expected_value=None if opp.expected_value is None else str(opp.expected_value),
        currency=opp.currency,
        owner_user_id=opp.owner_id,
    )
    await api.publish(name, payload, aggregate=f"opportunity:{opp.id}", site_id=opp.site_id)


def check_money(value: Decimal | None, currency: str) -> str:
    code = currency.strip().upper()
    if code not in _CURRENCIES:
        raise api.ServiceError("INVALID", "crm.currency_invalid", "currency")
    if value is not None and value < 0:
        raise api.ServiceError("INVALID", "crm.value_negative", "expectedValue")
    return code


async def stage_save(
    actor: api.Actor,
    *,
    stage_id: int | None = None,
    name: str | None = None,
    position: int | None = None,
    outcome: str | None = None,
    probability: int | None = None,
    active: bool | None = None,
) -> m.Stage:
    """Create (no ``stage_id``) or change a stage; names are unique. The pipeline is the
    whole organisation's: only staff of every site set it up."""
    if actor.site_ids is not None:
        raise api.ServiceError("FORBIDDEN", "crm.pipeline_everywhere", "id")
    if outcome is not None and outcome not in m.OUTCOMES:
        raise api.ServiceError("INVALID", "crm.outcome_invalid", "outcome")
    if probability is not None and not 0 <= probability <= 100:
        raise api.ServiceError("OUT_OF_RANGE", "crm.probability_range", "probability")
    values: dict[str, Any] = {
        k: v
        for k, v in {
            "name": c.clean(name) if name is not None else None,
            "position": position,
            "outcome": outcome,
            "probability": probability,
            "active": active,
        }.items()
        if v is not None
    }
    if "name" in values and not values["name"]:
        raise api.ServiceError("REQUIRED", "core.required", "name")
    async with api.atomic():
        clash = m.Stage.filter(name=values.get("name", ""))
        if stage_id is not None:
            clash = clash.exclude(id=stage_id)
        if "name" in values and await clash.exists():
            raise api.ServiceError("CONFLICT", "crm.stage_name_taken", "name")
        if stage_id is None:
            if "name" not in values:
                raise api.ServiceError("REQUIRED", "core.required", "name")
            stage = await m.Stage.create(**values)
            await api.record(actor, "pipelineStageCreate", stage, after=values)
        else:
            stage = await api.get_or_error(m.Stage, stage_id, "id")
            await m.Stage.filter(id=stage.id).update(**values)
            stage = await m.Stage.get(id=stage.id)
            await api.record(actor, "pipelineStageUpdate", stage, after=values)
    return stage


async def lost_reason_create(actor: api.Actor, name: str) -> m.LostReason:
    if actor.site_ids is not None:
        raise api.ServiceError("FORBIDDEN", "crm.pipeline_everywhere", "name")
    if not c.clean(name):
        raise api.ServiceError("REQUIRED", "core.required", "name")
    async with api.atomic():
        if await m.LostReason.filter(name=c.clean(name)).exists():
            raise api.ServiceError("CONFLICT", "crm.reason_taken", "name")
        reason = await m.LostReason.create(name=c.clean(name))
        await api.record(actor, "lostReasonCreate", reason, after={"name": reason.name})
    return reason


async def _open_stage(stage_id: int | None, field: str = "stageId") -> m.Stage:
    if stage_id is None:
        first = await m.Stage.filter(outcome=m.STAGE_OPEN, active=True).first()
        if first is None:
            raise api.ServiceError("REQUIRED", "core.required", field)
        return first
    stage = await m.Stage.filter(id=stage_id, active=True).first()
    if stage is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", field)
    if stage.outcome != m.STAGE_OPEN:
        raise api.ServiceError("INVALID", "crm.stage_not_open", field)
    return stage


async def create(
    actor: api.Actor,
    site_id: int,
    title: str,
    *,
    party_id: int | None = None,
    contact_name: str = "",
    contact_email: str = "",
    stage_id: int | None = None,
    expected_value: Decimal | None = None,
    currency: str = "EUR",
    expected_close: dt.date | None = None,
    owner_id: int | None = None,
    source: str = "",
) -> m.Opportunity:
    if not c.clean(title):
        raise api.ServiceError("REQUIRED", "core.required", "title")
    if party_id is None and not c.clean(contact_name) and not c.clean(contact_email):
        raise api.ServiceError("REQUIRED", "crm.lead_needs_contact", "partyId")
    code = check_money(expected_value, currency)
    if not actor.may_see_site(site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "siteId")
    owner = actor.user_id if owner_id is None else owner_id
    async with api.atomic():
        await api.get_or_error(api.SiteModel, site_id, "siteId")
        if owner is not None and owner != actor.user_id and not await api.user_exists(owner):
            raise api.ServiceError("NOT_FOUND", "core.not_found", "ownerId")
        if party_id is not None:
            await api.require_party(actor, party_id, "partyId", lock=True, link_to=site_id)
        stage = await _open_stage(stage_id)
        opp = await m.Opportunity.create(
            site_id=site_id,
            title=c.clean(title),
            party_id=party_id,
            contact_name=c.clean(contact_name),
            contact_email=c.clean(contact_email).lower(),
            stage_id=stage.id,
            expected_value=expected_value,
            currency=code,
            expected_close=expected_close,
            owner_id=owner,
            source=c.clean(source),
            created_by_id=actor.user_id,
        )
        await api.record(
            actor,
            "opportunityCreate",
            opp,
            after={"title": opp.title, "stage": stage.name, "value": str(expected_value)},
        )
        await _publish(OPPORTUNITY_CREATED, opp)
    return opp


async def _visible(actor: api.Actor, opportunity_id: int) -> m.Opportunity:
    opp = await m.Opportunity.filter(id=opportunity_id).first()
    if opp is None or not actor.may_see_site(opp.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "id")
    return opp


async def _change(opp: m.Opportunity, version: int | None, **values: Any) -> m.Opportunity:
    seen = opp.version if version is None else version
    done = await m.Opportunity.filter(id=opp.id, version=seen, status=m.STAGE_OPEN).update(
        version=seen + 1, updated_at=c.now(), **values
    )
    if done != 1:
        fresh = await m.Opportunity.get(id=opp.id)
        if fresh.status != m.STAGE_OPEN:
            raise api.ServiceError("INVALID_TRANSITION", "crm.opportunity_closed", "id")
        raise api.ServiceError("CONFLICT", "crm.opportunity_changed", "version")
    return await m.Opportunity.get(id=opp.id)


async def update(
    actor: api.Actor,
    opportunity_id: int,
    *,
    version: int | None = None,
    stage_id: int | None = None,
    expected_value: Decimal | None = None,
    currency: str | None = None,
    expected_close: dt.date | None = None,
    owner_id: int | None = None,
    title: str | None = None,
) -> m.Opportunity:
    """Move an open opportunity to another open stage, or change its value, date, owner."""
    async with api.atomic():
        opp = await _visible(actor, opportunity_id)
        values: dict[str, Any] = {}
        if stage_id is not None:
            values["stage_id"] = (await _open_stage(stage_id)).id
        if currency is not None or expected_value is not None:
            values["currency"] = check_money(
                expected_value if expected_value is not None else opp.expected_value,
                currency or opp.currency,
            )
        if expected_value is not None:
            values["expected_value"] = expected_value
        if expected_close is not None:
            values["expected_close"] = expected_close
        if owner_id is not None:
            if not await api.user_exists(owner_id):
                raise api.ServiceError("NOT_FOUND", "core.not_found", "ownerId")
            values["owner_id"] = owner_id
        if title is not None:
            if not c.clean(title):
                raise api.ServiceError("REQUIRED", "core.required", "title")
            values["title"] = c.clean(title)
        opp = await _change(opp, version, **values)
        await api.record(
            actor, "opportunityUpdate", opp, after={k: str(v) for k, v in values.items()}
        )
    return opp


async def win(actor: api.Actor, opportunity_id: int, version: int | None = None) -> m.Opportunity:
    async with api.atomic():
        opp = await _visible(actor, opportunity_id)
        stage = await m.Stage.filter(outcome=m.WON, active=True).first()
        if stage is None:
            raise api.ServiceError("INVALID", "crm.no_won_stage", "id")
        opp = await _change(opp, version, status=m.WON, stage_id=stage.id, closed_at=c.now())
        await api.record(actor, "opportunityWin", opp, after={"status": m.WON})
        await _publish(OPPORTUNITY_WON, opp)
    return opp


async def lose(
    actor: api.Actor,
    opportunity_id: int,
    lost_reason_id: int,
    note: str = "",
    version: int | None = None,
) -> m.Opportunity:
    async with api.atomic():
        opp = await _visible(actor, opportunity_id)
        if not await m.LostReason.filter(id=lost_reason_id, active=True).exists():
            raise api.ServiceError("NOT_FOUND", "core.not_found", "lostReasonId")
        stage = await m.Stage.filter(outcome=m.LOST, active=True).first()
        if stage is None:
            raise api.ServiceError("INVALID", "crm.no_lost_stage", "id")
        opp = await _change(
            opp,
            version,
            status=m.LOST,
            stage_id=stage.id,
            lost_reason_id=lost_reason_id,
            lost_note=note.strip(),
            closed_at=c.now(),
        )
        await api.record(
            actor, "opportunityLose", opp, after={"status": m.LOST, "reason": lost_reason_id}
        )
        await _publish(OPPORTUNITY_LOST, opp)
    return opp
