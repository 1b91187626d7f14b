"""The 360° timeline: every office's entries about a party, newest first, paged in the
database; one SQL statement per page whatever the page size and the offices contributing."""

from __future__ import annotations

import timeline_contributor
from crm_helpers import LOG, create_case, ok_payload, party, pk, site

from sportello.testing import count_queries

TIMELINE = """
query($id: ID!, $n: Int, $a: String) { node(id: $id) { ... on Party {
  timeline(first: $n, after: $a) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { at kind title objectType objectId } }
  }
  summary { kind count }
} } }
"""
PAGE = """
query($id: ID!, $n: Int) { node(id: $id) { ... on Party {
  timeline(first: $n) { edges { node { at kind title objectId } } }
} } }
"""
OPP = """
mutation($i: OpportunityCreateInput!) { opportunityCreate(input: $i) { errors { code } } }
"""


async def test_the_timeline_merges_every_source_and_pages_in_sql(sportello_app) -> None:
    async with sportello_app(["crm", "contrib"], [timeline_contributor]) as h:
        hq = await site(h)
        maria = await party(h)
        for n in range(6):
            await ok_payload(
                h,
                LOG,
                "interactionLog",
                {
                    "siteId": hq,
                    "partyId": maria,
                    "channel": "PHONE",
                    "subject": f"call {n}",
                    "occurredAt": f"2026-11-0{n + 1}T09:00:00+00:00",
                },
            )
        case = await create_case(
            h, siteId=hq, partyId=maria, subject="A complaint", kind="COMPLAINT"
        )
        await h.ok(OPP, {"i": {"siteId": hq, "partyId": maria, "title": "A deal"}})

        data = (await h.ok(TIMELINE, {"id": maria, "n": 3}))["node"]
        line = data["timeline"]
        assert line["totalCount"] == 9  # 6 calls, the case, the deal, the party itself
        kinds = [e["node"]["kind"] for e in line["edges"]]
        assert set(kinds) <= {"case.complaint", "opportunity.open", "party.registered"}
        assert line["pageInfo"]["hasNextPage"] is True
        rest = await h.ok(TIMELINE, {"id": maria, "n": 20, "a": line["pageInfo"]["endCursor"]})
        later = [e["node"] for e in rest["node"]["timeline"]["edges"]]
        assert [e["title"] for e in later] == [f"call {n}" for n in range(5, -1, -1)]
        assert later[0]["objectType"] == "Interaction"
        assert {"kind": "interaction.phone", "count": 6} in data["summary"]
        assert case["id"] in {e["node"]["objectId"] for e in line["edges"]}

        # A clerk of another site sees only what has no site (the party's registration).
        elsewhere = await site(h, "B2")
        clerk = await h.token(roles=["front_desk"], sites=[pk(elsewhere)])
        await h.ok(
            LOG, {"i": {"siteId": elsewhere, "partyId": maria, "channel": "CHAT", "body": "hi"}}
        )
        seen = (await h.ok(TIMELINE, {"id": maria, "n": 20}, token=clerk))["node"]
        assert sorted(e["node"]["kind"] for e in seen["timeline"]["edges"]) == [
            "interaction.chat",
            "party.registered",
        ]

        token = await h.token(roles=["front_desk"])
        await h.settle()
        await h.ok(PAGE, {"id": maria, "n": 1}, token=token)
        counts = []
        for size in (1, 100):
            with count_queries() as statements:
                await h.ok(PAGE, {"id": maria, "n": size}, token=token)
            counts.append(len(statements))
        assert counts[0] == counts[1], counts


async def test_with_every_office_on_a_page_is_still_one_statement(sportello_app) -> None:
    from sportello import api
    from sportello_lodging.models import Reservation

    offices = ["reception", "lodging", "counter", "visitors", "crm"]
    async with sportello_app(offices) as h:
        await h.load_demo()
        stay = await Reservation.all().order_by("id").first()
        guest = api.encode_id("Party", stay.guest_id)
        hq = await site(h, "CRMT")
        await ok_payload(
            h,
            LOG,
            "interactionLog",
            {"siteId": hq, "partyId": guest, "channel": "PHONE", "subject": "Lost a scarf"},
        )
        data = (await h.ok(TIMELINE, {"id": guest, "n": 50}))["node"]
        kinds = {e["node"]["kind"].split(".")[0] for e in data["timeline"]["edges"]}
        assert {"stay", "interaction"} <= kinds
        token = await h.token(roles=["manager"])
        await h.settle()
        await h.ok(PAGE, {"id": guest, "n": 1}, token=token)
        counts = []
        for size in (1, 100):
            with count_queries() as statements:
                await h.ok(PAGE, {"id": guest, "n": size}, token=token)
            counts.append(len(statements))
        assert counts[0] == counts[1], counts


async def test_a_party_read_for_its_crm_fields_is_a_row_in_a_remembered_statement(
    sportello_app,
) -> None:
    """``node(id:)`` selecting only the CRM's party fields loads the party as a row (its
    statement remembered), not as a model instance: the fields declare they read only its id."""
    from sportello import api
    from sportello.graphql import rowquery

    async with sportello_app(["crm"]) as h:
        maria = await party(h)
        rowquery._statements.clear()
        for query in (PAGE, TIMELINE):
            await h.ok(query, {"id": maria, "n": 5})
        models = [key[0] for key in rowquery._statements]
        assert api.PartyModel in models, models
