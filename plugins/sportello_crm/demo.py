"""A day at the front office (idempotent): calls with the switchboard's notes, a counter visit,
a complaint by email transferred to Tributi, a change of residence waiting on the citizen at
Anagrafe, a question answered at once, a letter still in the inbox; a hotel guest's complaint
and the follow-up after the stay; a small firm's pipeline with a lead and an opportunity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sportello import api
from sportello_crm import models as m
from sportello_crm.services import _common as c
from sportello_crm.services import activities, cases, contact, pipeline, routing

ACTOR = api.SYSTEM


async def _site(code: str, name: str) -> int:
    site, _ = await api.SiteModel.get_or_create(code=code, defaults={"name": name})
    return int(site.id)


async def _unit(name: str, code: str, site_id: int) -> int:
    """The demo unit (the core's demo makes it when the site existed before it ran)."""
    model: Any = api.Department.__model__
    unit, _ = await model.get_or_create(
        code=code, parent_id=None, defaults={"name": name, "site_id": site_id}
    )
    return int(unit.id)


async def _party(
    name: str, email: str | None = None, phone: str | None = None, lang: str = "it"
) -> int:
    found = await api.PartyModel.filter(display_name=name).first()
    if found is None:
        given, _, family = name.partition(" ")
        found = await api.PartyModel.create(
            display_name=name,
            given_name=given,
            family_name=family,
            email=email,
            phone=phone,
            preferred_language=lang,
        )
    return int(found.id)


def _today(hour: int, minute: int = 0) -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0)


async def load(runtime: api.RuntimeView | None = None) -> None:
    if await m.Case.exists() or await m.Opportunity.exists():
        return
    if runtime is not None:
        c.configure(runtime.plugin_settings("crm"))
    await _town_hall()
    if await api.SiteModel.filter(code="HOTEL").exists():
        await _hotel()
    await _pipeline()


async def _town_hall() -> None:
    site = await _site("TOWNHALL", "Comune - Sportello al cittadino")
    tributi = await _unit("Tributi", "TRIB", site)
    anagrafe = await _unit("Anagrafe", "ANAG", site)
    maria = await _party("Maria Rossi", email="maria.rossi@example.it")
    giuseppe = await _party("Giuseppe Verdi", phone="+390612345678")
    lucia = await _party("Lucia Esposito", email="lucia.esposito@example.it")

    await contact.log_interaction(
        ACTOR,
        site,
        m.PHONE,
        party_id=giuseppe,
        occurred_at=_today(8, 45),
        handled=True,
        filter_note="Asks where his building permit stands: put through to Ufficio tecnico",
    )
    await contact.log_interaction(
        ACTOR,
        site,
        m.COUNTER,
        party_id=maria,
        occurred_at=_today(9, 10),
        handled=True,
        subject="Collected her identity card",
    )
    email = await contact.log_interaction(
        ACTOR,
        site,
        m.EMAIL,
        party_id=maria,
        occurred_at=_today(9, 30),
        contact="maria.rossi@example.it",
        subject="Doppio addebito TARI",
        body="Buongiorno, mi è arrivato due volte l'avviso TARI 2026. Come faccio?",
    )
    complaint = await cases.create(
        ACTOR,
        site,
        "Waste tax (TARI) billed twice",
        m.EMAIL,
        kind=m.COMPLAINT,
        party_id=maria,
        description="Two TARI 2026 notices for the same flat.",
        category="taxes",
        priority=m.HIGH,
        interaction_ids=[email.id],
    )
    await routing.transfer(
        ACTOR, complaint.id, tributi, "Check the 2026 roll: the flat may be listed twice"
    )

    form = await contact.log_interaction(
        ACTOR,
        site,
        m.WEB,
        party_id=lucia,
        occurred_at=_today(10, 5),
        subject="Web form: change of residence",
        body="Moving to Via Roma 12 on the 1st.",
    )
    residence = await cases.create(
        ACTOR,
        site,
        "Change of residence",
        m.WEB,
        kind=m.REQUEST,
        party_id=lucia,
        category="registry",
        interaction_ids=[form.id],
    )
    await routing.transfer(ACTOR, residence.id, anagrafe, "Citizen request from the web form")
    await routing.wait_for_party(ACTOR, residence.id, "Asked for the new tenancy contract")

    call = await contact.log_interaction(
        ACTOR,
        site,
        m.PHONE,
        occurred_at=_today(11, 20),
        contact="+39 333 000 1111",
        filter_note="Anonymous caller: opening hours of the registry office",
    )
    question = await cases.create(
        ACTOR,
        site,
        "Opening hours of the registry office",
        m.PHONE,
        kind=m.INFORMATION,
        interaction_ids=[call.id],
    )
    await routing.resolve(ACTOR, question.id, "Mon-Fri 8:30-12:30, Tue and Thu also 14:30-17:00")
    await contact.log_interaction(
        ACTOR,
        site,
        m.LETTER,
        party_id=giuseppe,
        occurred_at=_today(12, 0),
        subject="Registered letter: objection to a parking fine",
    )


async def _hotel() -> None:
    site = await _site("HOTEL", "Hotel")
    guest = await _party("Hans Müller", email="hans.mueller@example.de", lang="en")
    call = await contact.log_interaction(
        ACTOR,
        site,
        m.PHONE,
        party_id=guest,
        occurred_at=_today(7, 50),
        filter_note="Room 12: noisy air conditioning all night",
    )
    noise = await cases.create(
        ACTOR,
        site,
        "Noisy air conditioning in room 12",
        m.PHONE,
        kind=m.COMPLAINT,
        party_id=guest,
        category="service quality",
        interaction_ids=[call.id],
    )
    await routing.resolve(ACTOR, noise.id, "Moved to room 14, maintenance called for room 12")
    await activities.create(
        ACTOR,
        "Ask how the rest of the stay went",
        site_id=site,
        party_id=guest,
        due_at=_today(10) + dt.timedelta(days=3),
    )


async def _pipeline() -> None:
    site = await _site("HQ", "Company headquarters")
    acme = await _party("ACME Srl", email="buyer@acme.example")
    stages = {s.name: s.id for s in await m.Stage.all()}
    deal = await pipeline.create(
        ACTOR,
        site,
        "ACME Srl - yearly support contract",
        party_id=acme,
        stage_id=stages.get("Proposal"),
        expected_value=Decimal("4800.00"),
        currency="EUR",
        expected_close=dt.date.today() + dt.timedelta(days=20),
        source="phone",
    )
    await activities.create(
        ACTOR,
        "Call ACME about the proposal",
        opportunity_id=deal.id,
        kind="call",
        due_at=_today(9) + dt.timedelta(days=1),
    )
    await pipeline.create(
        ACTOR,
        site,
        "Studio Bianchi - website maintenance",
        contact_name="Paola Bianchi",
        contact_email="paola@studiobianchi.example",
        source="web",
        expected_value=Decimal("1500.00"),
    )
