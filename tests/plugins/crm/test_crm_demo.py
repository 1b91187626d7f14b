"""The demo is a day at the front office, loaded twice without changing anything."""

from __future__ import annotations

CASES = "{ cases(first: 20) { edges { node { subject status kind department { name } } } } }"
INBOX = "{ interactionInbox(first: 20) { totalCount } }"
DEALS = "{ opportunities(first: 20) { edges { node { title status stage { name } } } } }"


async def test_demo_is_a_day_at_work_and_idempotent(sportello_app) -> None:
    from sportello_crm.models import Case, Interaction, Opportunity

    async with sportello_app(["reception", "lodging", "counter", "visitors", "crm"]) as h:
        await h.load_demo()
        counts = (
            await Case.all().count(),
            await Interaction.all().count(),
            await Opportunity.all().count(),
        )
        await h.load_demo()
        assert counts == (
            await Case.all().count(),
            await Interaction.all().count(),
            await Opportunity.all().count(),
        )
        cases = {e["node"]["subject"]: e["node"] for e in (await h.ok(CASES))["cases"]["edges"]}
        tari = cases["Waste tax (TARI) billed twice"]
        assert (tari["status"], tari["department"]["name"]) == ("TRANSFERRED", "Tributi")
        assert cases["Change of residence"]["status"] == "WAITING"
        assert cases["Noisy air conditioning in room 12"]["status"] == "RESOLVED"
        assert (await h.ok(INBOX))["interactionInbox"]["totalCount"] >= 1
        deals = [e["node"] for e in (await h.ok(DEALS))["opportunities"]["edges"]]
        assert {d["stage"]["name"] for d in deals} == {"Proposal", "New"}
